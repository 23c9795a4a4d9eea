using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Statistics;

/// <summary>The breakdowns by source, closing reason and conversations held, and the month-by-month counts.</summary>
public sealed partial class StatisticsQuery
{
    /// <summary>The stages a held conversation can be in; a conversation in one of them has a <c>HeldOn</c> date.</summary>
    private static readonly ConversationStatus[] HeldStatuses = [ConversationStatus.Held, ConversationStatus.FollowedUp, ConversationStatus.Journalised];

    private sealed record KeyCount(int? Key, int Count, int Persons);

    // Class with init members, so EF can group on it (see CaseFacts).
    private sealed class ConversationFacts
    {
        public ConversationStatus Status { get; init; }

        public int PersonId { get; init; }

        public int AreaId { get; init; }
    }

    private sealed record CaseSpan(int RaisedYear, int RaisedMonth, bool RaisedBefore, int? ClosedYear, int? ClosedMonth, bool ClosedAfter, int Count);

    private async Task<List<StatisticsBreakdown>> BreakdownsAsync(StatisticsFilter filter, List<StatisticsTable> tables, CancellationToken cancellationToken)
    {
        var (from, to) = (filter.From, filter.To);
        var cases = CasesOf(filter.GroupId);

        var sources = await cases.Where(c => c.RaisedOn >= from && c.RaisedOn <= to).GroupBy(c => c.Source)
            .Select(g => new KeyCount((int)g.Key, g.Count(), g.Select(c => c.YoungPersonId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        var reasons = await cases.Where(c => c.ClosedOn >= from && c.ClosedOn <= to).GroupBy(c => c.CloseReason)
            .Select(g => new KeyCount((int?)g.Key, g.Count(), g.Select(c => c.YoungPersonId).Distinct().Count()))
            .ToListAsync(cancellationToken);

        // Held in the period: its HeldOn (the day it took place) is in the period, whatever has happened to it since.
        var held = db.ConcernConversations.AsNoTracking()
            .Where(v => v.HeldOn >= from && v.HeldOn <= to && HeldStatuses.Contains(v.Status))
            .Join(cases, v => v.CaseId, c => c.Id, (v, c) => new { v.Status, c.YoungPersonId })
            .Join(db.YoungPersons, x => x.YoungPersonId, p => p.Id, (x, p) => new ConversationFacts { Status = x.Status, PersonId = x.YoungPersonId, AreaId = p.LocalAreaId });
        var conversations = await held.GroupBy(v => v.Status)
            .Select(g => new KeyCount((int)g.Key, g.Count(), g.Select(v => v.PersonId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        var conversationPersons = await held.GroupBy(v => v.AreaId)
            .Select(g => g.Select(v => v.PersonId).Distinct().Count())
            .ToListAsync(cancellationToken);

        // Distinct young people of the whole breakdown: summed over areas (a young person lives in one), never over
        // categories. New cases and closed cases are the same cases as those tables count.
        var closedReasonRows = Enum.GetValues<CloseReason>().Select(r => Category(r.ToString(), CaseTexts.CloseReason(r), reasons, (int)r)).ToList();
        if (reasons.FirstOrDefault(r => r.Key is null) is { } unknown)
        {
            closedReasonRows.Add(new StatisticsBreakdownRow("none", Texts.Statistics_NoCloseReason, unknown.Count, unknown.Persons));
        }

        return
        [
            new(StatisticsBreakdownKind.Source,
                Enum.GetValues<CaseSource>().Select(s => Category(s.ToString(), CaseTexts.Source(s), sources, (int)s)).ToList(),
                tables.Single(t => t.Measure == StatisticsMeasure.New).Persons()),
            new(StatisticsBreakdownKind.CloseReason, closedReasonRows, tables.Single(t => t.Measure == StatisticsMeasure.Closed).Persons()),
            new(StatisticsBreakdownKind.Conversations,
                HeldStatuses.Select(s => Category(s.ToString(), ConversationTexts.Status(s), conversations, (int)s)).ToList(),
                conversationPersons.Sum()),
        ];
    }

    private static StatisticsBreakdownRow Category(string key, string label, List<KeyCount> counts, int value) =>
        counts.FirstOrDefault(c => c.Key == value) is { } found
            ? new StatisticsBreakdownRow(key, label, found.Count, found.Persons)
            : new StatisticsBreakdownRow(key, label, 0, 0);

    /// <summary>
    /// New, active and closed cases per calendar month of the period, from one GROUP BY over the months a case was
    /// raised and closed in. Whether a case raised or closed in the period's first or last month falls inside the
    /// period is grouped on as well (RaisedBefore, ClosedAfter), so the months add up to the tables' totals.
    /// </summary>
    private async Task<List<StatisticsMonth>> MonthsAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var (from, to) = (filter.From, filter.To);
        var spans = await CasesOf(filter.GroupId)
            .Where(c => c.RaisedOn <= to && (c.ClosedOn == null || c.ClosedOn >= from))
            .GroupBy(c => new
            {
                RaisedYear = c.RaisedOn.Year,
                RaisedMonth = c.RaisedOn.Month,
                RaisedBefore = c.RaisedOn < from,
                ClosedYear = c.ClosedOn == null ? (int?)null : c.ClosedOn.Value.Year,
                ClosedMonth = c.ClosedOn == null ? (int?)null : c.ClosedOn.Value.Month,
                ClosedAfter = c.ClosedOn != null && c.ClosedOn > to,
            })
            .Select(g => new CaseSpan(g.Key.RaisedYear, g.Key.RaisedMonth, g.Key.RaisedBefore, g.Key.ClosedYear, g.Key.ClosedMonth, g.Key.ClosedAfter, g.Count()))
            .ToListAsync(cancellationToken);

        static int Index(int year, int month) => (year * 12) + month - 1;
        var months = new List<StatisticsMonth>();
        for (var m = Index(from.Year, from.Month); m <= Index(to.Year, to.Month); m++)
        {
            var month = m;
            months.Add(new StatisticsMonth(month / 12, (month % 12) + 1,
                New: spans.Where(s => !s.RaisedBefore && Index(s.RaisedYear, s.RaisedMonth) == month).Sum(s => s.Count),
                Active: spans.Where(s => Index(s.RaisedYear, s.RaisedMonth) <= month
                                         && (s.ClosedYear is null || Index(s.ClosedYear.Value, s.ClosedMonth!.Value) >= month)).Sum(s => s.Count),
                Closed: spans.Where(s => s.ClosedYear is { } y && !s.ClosedAfter && Index(y, s.ClosedMonth!.Value) == month).Sum(s => s.Count)));
        }

        return months;
    }

    /// <summary>"jan. 2026": a month's label in the chart and its table.</summary>
    public static string MonthLabel(StatisticsMonth month) =>
        new DateOnly(month.Year, month.Month, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("da-DK"));
}
