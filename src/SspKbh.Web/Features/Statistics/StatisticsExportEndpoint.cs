using System.Globalization;
using System.Text;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Statistics;

/// <summary>
/// The statistics page's numbers as CSV, counts only: one row per measure and lokalområde (cases and young people per
/// level), one per category of each breakdown plus its total, and one per measure and month (docs/statistics.md).
/// </summary>
public static class StatisticsExportEndpoint
{
    private static readonly CaseLevel[] Levels = Enum.GetValues<CaseLevel>();

    public static IEndpointRouteBuilder MapStatisticsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statistik/csv", async (HttpContext context, StatisticsQuery statistics, CancellationToken cancellationToken) =>
            {
                var (filter, report) = await statistics.ReportAsync(StatisticsFilter.FromQuery(context.Request.Query, statistics.Today),
                    context.User, export: true, cancellationToken);
                if (report is null)
                {
                    // Only a hand-made address gets here (the page offers the file for a valid period): the Danish 400 page.
                    return Results.BadRequest();
                }

                return CsvFile.Result(context, Write(filter, report), filter.FileName());
            })
            .RequireAuthorization(Policies.Statistics);
        return endpoints;
    }

    private static StringBuilder Write(StatisticsFilter filter, StatisticsReport report)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(';', new[] { Texts.Statistics_CsvMeasure, Texts.Statistics_From, Texts.Statistics_To, Texts.Statistics_Group, Texts.Organisation_Area, Texts.Statistics_CsvCategory }
            .Concat(Levels.Select(CaseTexts.Level)).Append(Texts.Statistics_Total)
            .Concat(Levels.Select(l => string.Format(CultureInfo.CurrentCulture, Texts.Statistics_CsvPersons, CaseTexts.Level(l)))).Append(Texts.Statistics_CsvPersonsTotal)
            .Select(CsvFile.Cell));
        csv.AppendLine();

        void Row(string measure, string area, string category, IEnumerable<int?> levels, int total, IEnumerable<int?> personLevels, int? persons)
        {
            csv.AppendJoin(';', new[]
                {
                    CsvFile.Cell(measure), DanishTime.FormatInputDate(filter.From), DanishTime.FormatInputDate(filter.To),
                    CsvFile.Cell(report.GroupName ?? Texts.Statistics_AllGroups), area.Length == 0 ? "" : CsvFile.Cell(area),
                    category.Length == 0 ? "" : CsvFile.Cell(category),
                }
                .Concat(levels.Select(Number)).Append(Number(total))
                .Concat(personLevels.Select(Number)).Append(Number(persons)));
            csv.AppendLine();
        }

        var none = Levels.Select(_ => (int?)null).ToList();
        foreach (var table in report.Tables)
        {
            foreach (var row in table.Rows)
            {
                Row(StatisticsTexts.Title(table.Measure), row.AreaName, "", Levels.Select(l => (int?)row.Counts[l]), row.Total,
                    Levels.Select(l => (int?)row.PersonCounts[l]), row.Persons);
            }
        }

        // A breakdown's total row holds its distinct young people, which the category rows cannot be summed to.
        foreach (var breakdown in report.Breakdowns)
        {
            foreach (var row in breakdown.Rows)
            {
                Row(StatisticsTexts.Title(breakdown.Kind), "", row.Label, none, row.Count, none, row.Persons);
            }

            Row(StatisticsTexts.Title(breakdown.Kind), "", Texts.Statistics_Total, none, breakdown.Total, none, breakdown.Persons);
        }

        foreach (var month in report.Months)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{month.Year:0000}-{month.Month:00}");
            foreach (var (measure, count) in new[] { (StatisticsMeasure.New, month.New), (StatisticsMeasure.Active, month.Active), (StatisticsMeasure.Closed, month.Closed) })
            {
                Row(string.Format(CultureInfo.CurrentCulture, Texts.Statistics_CsvMonthly, StatisticsTexts.Title(measure)), "", label, none, count, none, null);
            }
        }

        return csv;
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
