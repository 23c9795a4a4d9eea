#!/usr/bin/env bash
# Adds an EF Core migration for every provider (ADR 0041), under one id:
#
#   bash scripts/add-migration.sh <Name>          e.g. bash scripts/add-migration.sh CaseReviewNotes
#
# To take a migration back before it is committed: git checkout -- src/SspKbh.Migrations.* && git clean -f src/SspKbh.Migrations.*
# (dotnet ef migrations remove wants to ask a database whether the migration was applied).
# dotnet-ef comes from .config/dotnet-tools.json. The model is built offline (each migrations project has a
# design-time factory); no database is needed. Raw SQL the model cannot express (triggers, data fixes) is added by
# hand to each provider's new migration afterwards; MigrationsTests then checks that no provider lags behind the model.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PROVIDERS=(Sqlite Postgres SqlServer)

[ $# -eq 1 ] || { echo "Usage: $0 <MigrationName>" >&2; exit 1; }
dotnet tool restore >/dev/null

NAME="$1"
[[ "$NAME" =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "The name is a C# class name in PascalCase, e.g. CaseReviewNotes." >&2; exit 1; }
ID=""
for p in "${PROVIDERS[@]}"; do
  dir="src/SspKbh.Migrations.$p/Migrations"
  dotnet ef migrations add "$NAME" --project "src/SspKbh.Migrations.$p" --startup-project "src/SspKbh.Migrations.$p" --output-dir Migrations
  made="$(ls "$dir"/*_"$NAME".cs | sort | tail -n1)"
  stamp="$(basename "$made" | cut -d_ -f1)"
  if [ -z "$ID" ]; then
    ID="$stamp"
  elif [ "$stamp" != "$ID" ]; then
    # One id for all three providers, so a database's history reads the same on each.
    for f in "$dir/${stamp}_$NAME".*cs "$dir/${stamp}_$NAME.cs"; do
      [ -e "$f" ] && mv "$f" "${f/$stamp/$ID}"
    done
    sed -i "s/\"${stamp}_$NAME\"/\"${ID}_$NAME\"/" "$dir/${ID}_$NAME.Designer.cs"
  fi
done
echo "Added ${ID}_$NAME for ${PROVIDERS[*]}. Add any raw SQL to each, then run: bash scripts/test.sh --filter FullyQualifiedName~Migrations"
