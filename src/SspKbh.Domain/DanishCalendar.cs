namespace SspKbh.Domain;

/// <summary>
/// Working days in Copenhagen's administrations: not Saturday or Sunday, not a Danish public holiday (helligdag), and
/// not one of the three days the municipal agreements give off (Grundlovsdag 5 June, juleaftensdag 24 December,
/// nytårsaftensdag 31 December). Store bededag has been a working day since 2024.
/// </summary>
public static class DanishCalendar
{
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsDayOff(date);

    /// <summary>The date itself when it is a working day, otherwise the first working day after it.</summary>
    public static DateOnly OnOrAfterWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>A public holiday or one of the agreed days off, whatever the day of the week.</summary>
    public static bool IsDayOff(DateOnly date)
    {
        if ((date.Month, date.Day) is (1, 1) or (6, 5) or (12, 24) or (12, 25) or (12, 26) or (12, 31))
        {
            return true;
        }

        var easter = EasterSunday(date.Year);
        var fromEaster = date.DayNumber - easter.DayNumber;
        // Skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag.
        return fromEaster is -3 or -2 or 0 or 1 or 39 or 49 or 50;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
