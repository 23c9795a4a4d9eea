namespace SspKbh.Domain.Cases;

/// <summary>The standardised form required for level 3 and 4 cases.</summary>
public sealed record LevelForm(
    string? OffenceSituation,
    string? School,
    string? Leisure,
    string? Home,
    string? Network,
    string? TriedSoFar)
{
    /// <summary>The names of the fields that are still empty.</summary>
    public IReadOnlyList<string> MissingFields()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(OffenceSituation)) missing.Add(nameof(OffenceSituation));
        if (string.IsNullOrWhiteSpace(School)) missing.Add(nameof(School));
        if (string.IsNullOrWhiteSpace(Leisure)) missing.Add(nameof(Leisure));
        if (string.IsNullOrWhiteSpace(Home)) missing.Add(nameof(Home));
        if (string.IsNullOrWhiteSpace(Network)) missing.Add(nameof(Network));
        if (string.IsNullOrWhiteSpace(TriedSoFar)) missing.Add(nameof(TriedSoFar));
        return missing;
    }

    public bool IsComplete => MissingFields().Count == 0;
}
