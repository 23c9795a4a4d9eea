using SspKbh.Domain;
using SspKbh.Domain.Meetings;

namespace SspKbh.Domain.Tests;

/// <summary>Issue 16 #11: a proposed meeting date never falls on a weekend, a public holiday or an agreed day off.</summary>
public sealed class DanishCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    public void Easter_sunday_is_computed_for_the_years_the_app_runs_in(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DanishCalendar.EasterSunday(year));

    [Theory]
    [InlineData("2027-01-01")] // nytårsdag (a Friday)
    [InlineData("2027-03-25")] // skærtorsdag
    [InlineData("2027-03-26")] // langfredag
    [InlineData("2027-03-29")] // 2. påskedag
    [InlineData("2027-05-06")] // Kristi himmelfartsdag
    [InlineData("2027-05-17")] // 2. pinsedag
    [InlineData("2027-06-05")] // grundlovsdag (a Saturday this year, a day off any year)
    [InlineData("2026-12-24")] // juleaftensdag
    [InlineData("2026-12-25")]
    [InlineData("2026-12-31")] // nytårsaftensdag
    public void Holidays_and_agreed_days_off_are_not_working_days(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DanishCalendar.IsDayOff(day), date);
        Assert.False(DanishCalendar.IsWorkingDay(day), date);
    }

    [Fact]
    public void Ordinary_weekdays_around_the_holidays_are_working_days_and_weekends_are_not()
    {
        Assert.True(DanishCalendar.IsWorkingDay(new DateOnly(2026, 12, 28))); // the Monday after Christmas
        Assert.True(DanishCalendar.IsWorkingDay(new DateOnly(2027, 3, 24))); // the Wednesday before Easter
        Assert.False(DanishCalendar.IsWorkingDay(new DateOnly(2027, 1, 2))); // a Saturday
        Assert.False(DanishCalendar.IsDayOff(new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void Store_bededag_is_a_working_day_since_2024() =>
        Assert.True(DanishCalendar.IsWorkingDay(new DateOnly(2027, 4, 23))); // the fourth Friday after Easter 2027

    [Fact]
    public void A_proposed_meeting_on_new_years_day_or_over_easter_moves_to_the_next_working_day()
    {
        var series = new MeetingSeries { IntervalDays = 14 };
        // Fourteen days after 18 December 2026 is Friday 1 January 2027: the proposal is Monday 4 January.
        Assert.Equal(new DateOnly(2027, 1, 4), series.NextDate(new DateOnly(2026, 12, 18), new DateOnly(2026, 12, 20)));
        // Fourteen days after 11 March 2027 is skærtorsdag: the proposal is the Tuesday after 2. påskedag.
        Assert.Equal(new DateOnly(2027, 3, 30), series.NextDate(new DateOnly(2027, 3, 11), new DateOnly(2027, 3, 12)));
        // An ordinary Tuesday stays.
        Assert.Equal(new DateOnly(2026, 12, 15), series.NextDate(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)));
    }
}
