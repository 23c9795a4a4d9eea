namespace SspKbh.Domain.Cases;

/// <summary>The young person a case is about. Personal data: every read is audited.</summary>
public sealed class YoungPerson
{
    public int Id { get; set; }

    public string FullName { get; set; } = "";

    /// <summary>Upper-case name for duplicate detection and search.</summary>
    public string NormalizedName { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }

    /// <summary>Ten digits without separator, or null. Unique when present.</summary>
    public string? Cpr { get; set; }

    public string? Address { get; set; }

    public string? School { get; set; }

    public string? Club { get; set; }

    public int LocalAreaId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The day the retention job removed the person's identifying data.</summary>
    public DateOnly? AnonymisedOn { get; set; }

    public List<CustodyHolder> CustodyHolders { get; set; } = [];

    /// <summary>The words of the name, for prefix search ("han" finds Anna Hansen).</summary>
    public List<YoungPersonNameWord> NameWords { get; set; } = [];

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Removes what identifies the person (retention rule): name, CPR, address, school, club and the day
    /// and month of birth. Custody holders and name words are rows of their own; the caller deletes them.
    /// </summary>
    public void Anonymise(DateOnly today)
    {
        FullName = AnonymousName;
        NormalizedName = Normalize(AnonymousName);
        Cpr = null;
        Address = null;
        School = null;
        Club = null;
        DateOfBirth = Retention.RetentionRules.AnonymisedBirthDate(DateOfBirth);
        AnonymisedOn = today;
        ConcurrencyStamp = Guid.NewGuid().ToString("N");
    }

    public const string AnonymousName = "Anonymiseret";

    public static string Normalize(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();

    /// <summary>Sets the name with its normalised form and search words (a new person only).</summary>
    public void SetName(string fullName)
    {
        FullName = fullName.Trim();
        NormalizedName = Normalize(fullName);
        NameWords = Words(fullName).Select(w => new YoungPersonNameWord { YoungPersonId = Id, Word = w }).ToList();
    }

    /// <summary>The distinct upper-case words of a name or search text ("Ali Al-Hassan" → ALI, AL, HASSAN).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        Normalize(text).Split([' ', '-', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > YoungPersonNameWord.MaxLength ? w[..YoungPersonNameWord.MaxLength] : w)
            .Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>One word of a young person's name (search index).</summary>
public sealed class YoungPersonNameWord
{
    public const int MaxLength = 100;

    public int YoungPersonId { get; set; }

    public string Word { get; set; } = "";
}

/// <summary>A holder of parental custody (forældremyndighedsindehaver) with contact details.</summary>
public sealed class CustodyHolder
{
    public int Id { get; set; }

    public int YoungPersonId { get; set; }

    public string FullName { get; set; } = "";

    public string? Relation { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }
}
