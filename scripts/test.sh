#!/usr/bin/env bash
# Runs every test of SspKbh: unit, HTTP/database (SQLite and PostgreSQL) and browser (Chromium) tests.
#
#   bash scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~E2E]
#
# Needs the .NET 10 SDK and Node.js/npm (npm only for axe-core in the browser tests). As root it installs what else is missing with apt-get
# (postgresql, chromium) and starts PostgreSQL on 127.0.0.1:5432 with user/password postgres/postgres;
# otherwise it says what to install. The last line it prints is "N passed, N failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SSPKBH_TEST_POSTGRES="${SSPKBH_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}"
PG_HOST=127.0.0.1 PG_PORT=5432 PG_PASSWORD=postgres
RESULTS="$ROOT/TestResults/test-sh"
START=$(date +%s)
PASSED=0 FAILED=0 SKIPPED=0

log() { printf '\n==> %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - START ))s"; }
is_root() { [ "$(id -u)" -eq 0 ]; }

OWN_PGDATA=""

# The closing line is printed on every exit, so the count is always the last thing said.
on_exit() {
  local rc=$?
  if declare -F stop_own_cluster >/dev/null; then stop_own_cluster; fi
  echo
  echo "Test summary ($(elapsed)): passed $PASSED, failed $FAILED, skipped $SKIPPED; exit code $rc"
  if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else
    echo "$PASSED passed, $FAILED failed"
  fi
  exit "$rc"
}
trap on_exit EXIT

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
missing_apt=()
command -v dotnet >/dev/null && dotnet --list-sdks 2>/dev/null | grep -q '^10\.' || {
  echo "ERROR: the .NET 10 SDK is required (dotnet --list-sdks shows no 10.x). See https://dot.net." >&2; exit 1; }
command -v npm >/dev/null || { echo "ERROR: Node.js with npm is required for axe-core in the browser tests (apt-get install nodejs npm, or Node 20+)." >&2; exit 1; }

CHROMIUM="${SSPKBH_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || missing_apt+=(chromium fonts-liberation)
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
[ -n "$(pg_bin_dir)" ] && command -v psql >/dev/null || missing_apt+=(postgresql)

if [ ${#missing_apt[@]} -gt 0 ]; then
  if is_root; then
    log "Installing ${missing_apt[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing_apt[@]}"
  else
    echo "ERROR: missing system packages. Install them, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing_apt[*]}" >&2
    exit 1
  fi
fi
[ -x "$CHROMIUM" ] || { echo "ERROR: Chromium is still missing at $CHROMIUM." >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# 2. PostgreSQL on 127.0.0.1:5432, user postgres, password postgres
# ---------------------------------------------------------------------------------------------
pg_ok() { PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=3 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAqc 'select 1' >/dev/null 2>&1; }
pg_listening() { "$(pg_bin_dir)/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }
wait_pg() { for _ in $(seq 1 60); do pg_listening && return 0; sleep 0.5; done; return 1; }
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_own_cluster() {
  # A throw-away cluster, when the packaged one cannot be used (e.g. not root, or none was created).
  local bin; bin="$(pg_bin_dir)"
  OWN_PGDATA="$(mktemp -d "${TMPDIR:-/tmp}/sspkbh-pg.XXXXXX")"
  is_root && chown postgres: "$OWN_PGDATA"
  local pwfile="$OWN_PGDATA/.pw"; echo "$PG_PASSWORD" > "$pwfile"; is_root && chown postgres: "$pwfile"
  as_postgres "$bin/initdb" -D "$OWN_PGDATA/data" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$OWN_PGDATA/data" -l "$OWN_PGDATA/log" -w \
    -o "-c listen_addresses=$PG_HOST -p $PG_PORT -k $OWN_PGDATA -c fsync=off" start >/dev/null
  echo "Started a temporary PostgreSQL cluster in $OWN_PGDATA (stopped when this script ends)."
}
stop_own_cluster() {
  [ -n "$OWN_PGDATA" ] || return 0
  as_postgres "$(pg_bin_dir)/pg_ctl" -D "$OWN_PGDATA/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$OWN_PGDATA"
}

log "PostgreSQL on $PG_HOST:$PG_PORT"
if pg_ok; then
  echo "Already running, and user postgres/postgres can log in."
else
  if ! pg_listening && is_root && command -v pg_lsclusters >/dev/null; then
    # The cluster that the Debian package created (any major version), started without systemd.
    read -r ver name <<<"$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}')" || true
    if [ -n "${ver:-}" ]; then
      echo "Starting cluster $ver/$name"
      pg_ctlcluster "$ver" "$name" start || true
      wait_pg || true
    fi
  fi
  if pg_listening && is_root; then
    # Our cluster: make sure the postgres user has the test password (peer login over the socket).
    runuser -u postgres -- psql -p "$PG_PORT" -qc "ALTER USER postgres PASSWORD '$PG_PASSWORD'" >/dev/null || true
  fi
  if ! pg_listening; then
    start_own_cluster
    wait_pg || true
  fi
  if ! pg_ok; then
    echo "ERROR: cannot log in to PostgreSQL at $PG_HOST:$PG_PORT as postgres/postgres." >&2
    pg_listening && echo "Something listens on $PG_PORT but refuses that login. As root: runuser -u postgres -- psql -c \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
    is_root || echo "Not root: start PostgreSQL yourself (e.g. sudo pg_ctlcluster 15 main start) and set that password." >&2
    exit 1
  fi
  echo "Ready."
fi

# ---------------------------------------------------------------------------------------------
# 3. Restore, build, test
# ---------------------------------------------------------------------------------------------
log "Restore ($(elapsed))"
# dotnet-ef (scripts/add-migration.sh) is a local tool; restoring it here proves the manifest resolves.
dotnet tool restore
restore_log="$(mktemp)"
dotnet restore SspKbh.sln 2>&1 | tee "$restore_log"
if grep -q 'NU1603' "$restore_log"; then
  echo "ERROR: restore resolved a package version other than the one asked for (NU1603); fix Directory.Packages.props." >&2
  exit 1
fi

log "Build ($(elapsed))"
dotnet build SspKbh.sln --no-restore -nologo -clp:NoSummary

log "Test ($(elapsed))"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# Every test app runs verify-audit on its database when its tests are done and writes a line here.
export SSPKBH_AUDIT_LEDGER="$RESULTS/audit-chains.tsv"
test_rc=0
dotnet test SspKbh.sln --no-build --nologo \
  --results-directory "$RESULTS" --logger "trx" --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  "$@" || test_rc=$?

# Count from the TRX files (one per test project): <Counters total= executed= passed= failed= ... notExecuted= />
log "Results ($(elapsed))"
shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
attr() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
for trx in "${trx_files[@]}"; do
  project="$(awk 'match($0, /codeBase="[^"]*"/) { print substr($0, RSTART + 10, RLENGTH - 11); exit }' "$trx")"
  project="$(basename "${project:-$trx}" .dll)"
  p=$(attr "$trx" passed); f=$(attr "$trx" failed); e=$(attr "$trx" error); t=$(attr "$trx" timeout); a=$(attr "$trx" aborted); s=$(attr "$trx" notExecuted)
  f=$(( f + e + t + a ))
  printf '  %-28s %4d passed, %4d failed, %4d skipped\n' "$project" "$p" "$f" "$s"
  PASSED=$(( PASSED + p )); FAILED=$(( FAILED + f )); SKIPPED=$(( SKIPPED + s ))
  { grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" || true; } |
    sed 's/.* testName="\([^"]*\)".*/      FAILED: \1/' | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g'
done
if [ ${#trx_files[@]} -eq 0 ]; then
  echo "ERROR: no test results were written (see the output above)." >&2
  [ "$test_rc" -ne 0 ] || test_rc=1
fi
if [ "$test_rc" -eq 0 ] && [ $(( PASSED + FAILED )) -eq 0 ]; then
  echo "ERROR: no test ran." >&2
  test_rc=1
fi

log "verify-audit on every test database, after its tests"
if [ -s "$SSPKBH_AUDIT_LEDGER" ]; then
  dbs=$(wc -l < "$SSPKBH_AUDIT_LEDGER")
  entries=$(awk -F'\t' '{ n += $2 } END { print n + 0 }' "$SSPKBH_AUDIT_LEDGER")
  broken=$(grep -c '^BROKEN' "$SSPKBH_AUDIT_LEDGER" || true)
  echo "  $dbs test databases, $entries audit entries verified; broken chains: $broken"
  if [ "$broken" -gt 0 ]; then
    grep '^BROKEN' "$SSPKBH_AUDIT_LEDGER" | sed 's/^/      /'
    test_rc=1
  fi
elif [ $# -eq 0 ]; then
  echo "ERROR: the whole suite ran but no test database had its audit trail verified." >&2
  [ "$test_rc" -ne 0 ] || test_rc=1
else
  echo "  none (the tests chosen used no database)"
fi
if [ "$test_rc" -eq 0 ] && [ "$FAILED" -gt 0 ]; then
  test_rc=1
fi
for screens in "$ROOT"/tests/SspKbh.E2E/bin/*/*/screenshots; do echo "Screenshots of the pages: $screens"; done
exit "$test_rc"
