using System.Globalization;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Times are stored in UTC and shown in Copenhagen time; "today" for deadlines is the Danish date,
/// whatever time zone the server runs in.
/// </summary>
public static class DanishTime
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DateTime ToCopenhagen(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Copenhagen);

    /// <summary>The Copenhagen calendar day of a UTC instant.</summary>
    public static DateOnly ToDate(DateTime utc) => DateOnly.FromDateTime(ToCopenhagen(utc));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToCopenhagen(clock.GetUtcNow().UtcDateTime));

    /// <summary>"22.11.2026 14.05" style, as Danes write it.</summary>
    public static string Format(DateTime utc) => ToCopenhagen(utc).ToString("dd.MM.yyyy HH:mm", CultureInfo.GetCultureInfo("da-DK"));

    /// <summary>The start of the Danish day in UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Copenhagen);

    /// <summary>Accepts dd-mm-åååå (also with '.' or '/'), and åååå-mm-dd as a browser date field sends it.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["d-M-yyyy", "d.M.yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A date as the date fields of the GET forms show it: dd-mm-åååå.</summary>
    public static string FormatInputDate(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
