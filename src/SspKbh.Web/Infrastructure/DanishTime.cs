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
    public static string Format(DateTime utc) => ToCopenhagen(utc).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
}
