using System.Globalization;
using SspKbh.Domain.Cases;

namespace SspKbh.Web.Features.Cases;

/// <summary>
/// The case list's keyset cursor ("after" in the address): the sort key of the last row of a page, so the next page
/// starts right after it. A cursor that does not parse starts from the beginning, never from a guess.
/// </summary>
public static class CaseListCursor
{
    public sealed record Value(int Id, CaseLevel? Level, string? Name);

    /// <summary>The cursor after the row with this id, level and normalised name, for the sort.</summary>
    public static string Of(int id, CaseLevel level, string normalizedName, CaseSort sort) => sort switch
    {
        CaseSort.Level => string.Create(CultureInfo.InvariantCulture, $"{id}.{(int)level}"),
        CaseSort.Name => string.Create(CultureInfo.InvariantCulture, $"{id}.{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(normalizedName)).Replace('+', '-').Replace('/', '_')}"),
        _ => id.ToString(CultureInfo.InvariantCulture),
    };

    public static Value? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var parts = cursor.Split('.', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new Value(id, null, null);
        }

        if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level) && Enum.IsDefined((CaseLevel)level))
        {
            return new Value(id, (CaseLevel)level, null);
        }

        try
        {
            var name = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/')));
            return new Value(id, null, name);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
