using System.Text.RegularExpressions;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>One row of docs/security/authorization-matrix.md: methods, route template and a scope per role column.</summary>
public sealed record MatrixRow(IReadOnlyList<string> Methods, string Route, IReadOnlyDictionary<string, string> Cells, int Line)
{
    public override string ToString() => $"{string.Join(", ", Methods)} {Route} (line {Line})";
}

/// <summary>One row of the "Case service actions" table: a service method (`CaseService.GetAsync`) and a scope per role column.</summary>
public sealed record ActionRow(string Service, string Method, IReadOnlyDictionary<string, string> Cells, int Line)
{
    public string Name => $"{Service}.{Method}";

    public override string ToString() => $"{Name} (line {Line})";
}

/// <summary>
/// A role column: the role name (AppRole or "Anonymous") and the demo user named in the header. A role may have more
/// than one column (the AuthorityMember of a koordinationsgruppe, and of the SSP+ koordinationsgruppe), so a column is
/// known by its <see cref="Key"/>: the demo user, or "Anonymous".
/// </summary>
public sealed record MatrixColumn(string Role, string? Email)
{
    public string Key => Email ?? Role;
}

/// <summary>
/// Reads the authorization matrix (format described at the top of the file): every Markdown table whose
/// header starts with "Method | Route", and the case service actions (header "Action |").
/// </summary>
public static partial class AuthorizationMatrix
{
    public const string RelativePath = "docs/security/authorization-matrix.md";

    public const string Public = "offentlig";
    public const string Login = "login";
    public const string All = "alle";
    public const string Own = "egen";
    public const string OwnGroup = "egen gruppe";
    public const string LeaderGroup = "ledergruppe";
    public const string Received = "modtaget";
    public const string No = "nej";

    public static readonly IReadOnlySet<string> Scopes = new HashSet<string>(StringComparer.Ordinal) { Public, Login, All, Own, OwnGroup, LeaderGroup, Received, No };

    public static string FilePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException($"{RelativePath} was not found above {AppContext.BaseDirectory}.");
        }
    }

    public static (IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<MatrixRow> Rows) Read()
    {
        var (columns, rows) = ReadTables(header => header.Length >= 2 && header[0] == "Method" && header[1] == "Route", keyColumns: 2, "'Method | Route'");
        return (columns, rows.Select(r =>
        {
            var route = RouteCell().Match(r.Cells[1]);
            return route.Success
                ? new MatrixRow(r.Cells[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), route.Groups[1].Value, r.Scopes, r.Line)
                : throw new FormatException($"Line {r.Line}: the route must be in backticks, e.g. `/sager/{{Id:int}}`.");
        }).ToList());
    }

    /// <summary>
    /// The case service actions: every Markdown table whose header starts with "Action |" (one row per public method of
    /// CaseService and CaseWorkService, the method in backticks as `Service.Method`, a scope per role column).
    /// </summary>
    public static (IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<ActionRow> Rows) ReadActions()
    {
        var (columns, rows) = ReadTables(header => header[0] == "Action", keyColumns: 1, "'Action |'");
        return (columns, rows.Select(r =>
        {
            var action = ActionCell().Match(r.Cells[0]);
            return action.Success
                ? new ActionRow(action.Groups[1].Value, action.Groups[2].Value, r.Scopes, r.Line)
                : throw new FormatException($"Line {r.Line}: the action must be in backticks as `Service.Method`, e.g. `CaseService.GetAsync`.");
        }).ToList());
    }

    private sealed record TableRow(int Line, string[] Cells, IReadOnlyDictionary<string, string> Scopes);

    /// <summary>
    /// The rows of every table whose header <paramref name="isHeader"/> accepts: the first <paramref name="keyColumns"/> cells
    /// name the row, the others (but "Note") are role columns holding one scope value each, the same in every such table.
    /// </summary>
    private static (IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<TableRow> Rows) ReadTables(Func<string[], bool> isHeader, int keyColumns, string kind)
    {
        var lines = File.ReadAllLines(FilePath);
        List<MatrixColumn>? columns = null;
        var rows = new List<TableRow>();
        string[]? header = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                header = null;
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = isHeader(cells) ? cells : [];
                if (header.Length > 0)
                {
                    var tableColumns = cells.Skip(keyColumns).Where(c => c != "Note").Select(ParseColumn).ToList();
                    columns ??= tableColumns;
                    if (!columns.SequenceEqual(tableColumns))
                    {
                        throw new FormatException($"Line {i + 1}: every {kind} table must have the same role columns.");
                    }
                }

                continue;
            }

            if (header.Length == 0 || cells.All(c => c.Trim('-', ':').Length == 0))
            {
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new FormatException($"Line {i + 1}: {cells.Length} cells, the header has {header.Length}.");
            }

            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = keyColumns; c < header.Length; c++)
            {
                if (header[c] == "Note")
                {
                    continue;
                }

                scopes[ParseColumn(header[c]).Key] = Scopes.Contains(cells[c]) ? cells[c]
                    : throw new FormatException($"Line {i + 1}: '{cells[c]}' in column {header[c]} is not a scope value ({string.Join(", ", Scopes)}).");
            }

            rows.Add(new TableRow(i + 1, cells, scopes));
        }

        return columns is null || rows.Count == 0
            ? throw new FormatException($"{RelativePath} has no table with a {kind} header.")
            : (columns, rows);
    }

    private static MatrixColumn ParseColumn(string header)
    {
        var m = ColumnHeader().Match(header);
        if (!m.Success)
        {
            throw new FormatException($"Column header '{header}' is not 'Role (demo e-mail)' or 'Anonymous'.");
        }

        return new MatrixColumn(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null);
    }

    [GeneratedRegex(@"^`([^`]+)`$")]
    private static partial Regex RouteCell();

    [GeneratedRegex(@"^`(\w+)\.(\w+)`$")]
    private static partial Regex ActionCell();

    [GeneratedRegex(@"^(\w+)(?:\s*\(([^)]+)\))?$")]
    private static partial Regex ColumnHeader();
}
