using System.Text.RegularExpressions;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>One row of docs/security/authorization-matrix.md: methods, route template and a scope per role column.</summary>
public sealed record MatrixRow(IReadOnlyList<string> Methods, string Route, IReadOnlyDictionary<string, string> Cells, int Line)
{
    public override string ToString() => $"{string.Join(", ", Methods)} {Route} (line {Line})";
}

/// <summary>A role column: the role name (AppRole or "Anonymous") and the demo user named in the header.</summary>
public sealed record MatrixColumn(string Role, string? Email);

/// <summary>
/// Reads the authorization matrix (format described at the top of the file): every Markdown table whose
/// header starts with "Method | Route".
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
    public const string No = "nej";

    public static readonly IReadOnlySet<string> Scopes = new HashSet<string>(StringComparer.Ordinal) { Public, Login, All, Own, OwnGroup, LeaderGroup, No };

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
        var lines = File.ReadAllLines(FilePath);
        List<MatrixColumn>? columns = null;
        var rows = new List<MatrixRow>();
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
                if (cells.Length >= 2 && cells[0] == "Method" && cells[1] == "Route")
                {
                    header = cells;
                    var tableColumns = cells.Skip(2).Where(c => c != "Note").Select(ParseColumn).ToList();
                    if (columns is null)
                    {
                        columns = tableColumns;
                    }
                    else if (!columns.SequenceEqual(tableColumns))
                    {
                        throw new FormatException($"Line {i + 1}: every matrix table must have the same role columns.");
                    }
                }
                else
                {
                    header = [];
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

            var route = RouteCell().Match(cells[1]);
            if (!route.Success)
            {
                throw new FormatException($"Line {i + 1}: the route must be in backticks, e.g. `/sager/{{Id:int}}`.");
            }

            var methods = cells[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 2; c < header.Length; c++)
            {
                if (header[c] == "Note")
                {
                    continue;
                }

                var value = cells[c];
                if (!Scopes.Contains(value))
                {
                    throw new FormatException($"Line {i + 1}: '{value}' in column {header[c]} is not a scope value ({string.Join(", ", Scopes)}).");
                }

                scopes[ParseColumn(header[c]).Role] = value;
            }

            rows.Add(new MatrixRow(methods, route.Groups[1].Value, scopes, i + 1));
        }

        if (columns is null || rows.Count == 0)
        {
            throw new FormatException($"{RelativePath} has no table with a 'Method | Route' header.");
        }

        return (columns, rows);
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

    [GeneratedRegex(@"^(\w+)(?:\s*\(([^)]+)\))?$")]
    private static partial Regex ColumnHeader();
}
