using System.Globalization;

namespace SspKbh.Domain.Cases;

/// <summary>Age rules for young people in SSP (target group 10–25; SSP+ from 17.5).</summary>
public static class YoungPersonRules
{
    /// <summary>Age in whole years on <paramref name="today"/>.</summary>
    public static int AgeInYears(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        if (today < dateOfBirth.AddYears(age))
        {
            age--;
        }

        return age;
    }

    /// <summary>From 17½ years a case is to be handed over to SSP+.</summary>
    public static bool IsSspPlusAge(DateOnly dateOfBirth, DateOnly today) => today >= dateOfBirth.AddYears(17).AddMonths(6);

    /// <summary>Error key for an impossible date of birth, or null.</summary>
    public static string? CheckDateOfBirth(DateOnly dateOfBirth, DateOnly today) =>
        dateOfBirth > today ? "BirthDateInFuture"
        : AgeInYears(dateOfBirth, today) > 30 ? "BirthDateTooOld"
        : null;
}

/// <summary>
/// A Danish CPR number (personnummer), format-checked: ten digits, a real date, and a century that
/// fits the 7th digit. No modulus-11 check: numbers issued since 2007 need not satisfy it.
/// </summary>
public readonly record struct CprNumber
{
    private CprNumber(string digits, DateOnly dateOfBirth)
    {
        Digits = digits;
        DateOfBirth = dateOfBirth;
    }

    /// <summary>The ten digits without separator.</summary>
    public string Digits { get; }

    public DateOnly DateOfBirth { get; }

    /// <summary>"DDMMYY-XXXX".</summary>
    public string Formatted => $"{Digits[..6]}-{Digits[6..]}";

    /// <summary>"DDMMYY-****" for people who may see that a CPR exists but not the number.</summary>
    public string Masked => $"{Digits[..6]}-****";

    public static bool TryParse(string? input, out CprNumber cpr)
    {
        cpr = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = input.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var day = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(digits[2..4], CultureInfo.InvariantCulture);
        var yy = int.Parse(digits[4..6], CultureInfo.InvariantCulture);
        var seventh = digits[6] - '0';
        var century = seventh switch
        {
            <= 3 => 1900,
            4 or 9 => yy <= 36 ? 2000 : 1900,
            _ => yy <= 57 ? 2000 : 1800,
        };
        var year = century + yy;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        cpr = new CprNumber(digits, new DateOnly(year, month, day));
        return true;
    }
}
