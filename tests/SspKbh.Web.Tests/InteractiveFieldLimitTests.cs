using System.Text.RegularExpressions;
using SspKbh.Web;

namespace SspKbh.Web.Tests;

/// <summary>
/// On an interactive page every keystroke and paste travels over the circuit, whose messages may be at most
/// <see cref="AppServices.CircuitMessageLimitBytes"/>; a bigger one closes the connection. Every text field therefore
/// carries a MaxLength the browser enforces while pasting, small enough that even a text of characters JSON writes as
/// six bytes ("\u0001") stays under that limit, so a long paste is cut at the field (with the "cut at N characters"
/// hint) and never ends the circuit (issue 16 #20).
/// </summary>
public sealed class InteractiveFieldLimitTests
{
    /// <summary>Six bytes a character plus 4 KB for the rest of the message.</summary>
    private const int LargestSafeMaxLength = (AppServices.CircuitMessageLimitBytes - 4096) / 6;

    [Fact]
    public void Every_text_field_of_the_interactive_pages_has_a_max_length_the_circuit_can_carry()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "SspKbh.Web");
        var fields = new List<(string File, string Tag)>();
        foreach (var file in Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match start in Regex.Matches(text, @"<MudTextField\b"))
            {
                fields.Add((Path.GetRelativePath(source, file), Tag(text, start.Index)));
            }
        }

        // The scan must find the fields, or it proves nothing (the case page's dialogs alone have many).
        Assert.True(fields.Count >= 20, $"Only {fields.Count} MudTextField tags found under {source}.");
        var problems = new List<string>();
        foreach (var (file, tag) in fields)
        {
            var max = Regex.Match(tag, @"\bMaxLength=""@?\(?([^""]+?)\)?""");
            if (!max.Success)
            {
                problems.Add($"{file}: a MudTextField without MaxLength: {tag[..Math.Min(160, tag.Length)]}");
            }
            else if (int.TryParse(max.Groups[1].Value, out var literal) && literal > LargestSafeMaxLength)
            {
                problems.Add($"{file}: MaxLength {literal} is over {LargestSafeMaxLength}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The component tag from its "&lt;" to its closing "&gt;", skipping "&gt;" inside quoted attribute values (lambdas).</summary>
    private static string Tag(string text, int start)
    {
        var quoted = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '>' && !quoted)
            {
                return text[start..(i + 1)];
            }
        }

        return text[start..];
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "README.md")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (with README.md) was not found above " + AppContext.BaseDirectory);
    }
}
