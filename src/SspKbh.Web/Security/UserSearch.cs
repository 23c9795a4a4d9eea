namespace SspKbh.Web.Security;

/// <summary>
/// The one way a typed text finds user accounts (the administration's user list and the meeting's guest picker): the
/// text occurs in the full name or in the e-mail address, whatever the case. Translated to SQL; UPPER(...) LIKE works
/// the same on SQLite and PostgreSQL.
/// </summary>
public static class UserSearch
{
    /// <summary>Longer texts are cut to this before they reach the database.</summary>
    public const int MaxLength = 100;

    public static IQueryable<AppUser> Matching(IQueryable<AppUser> users, string? search)
    {
        if (search?.Trim() is not { Length: > 0 } text)
        {
            return users;
        }

        var term = text[..Math.Min(text.Length, MaxLength)].ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL, where string.Contains with a comparison is not.
        return users.Where(u => u.FullName.ToUpper().Contains(term) || u.NormalizedEmail!.Contains(term));
#pragma warning restore CA1862
    }
}
