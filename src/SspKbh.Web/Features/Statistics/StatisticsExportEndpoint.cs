using System.Globalization;
using System.Text;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Statistics;

/// <summary>The statistics page's tables as CSV: one row per measure and lokalområde, counts only.</summary>
public static class StatisticsExportEndpoint
{
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

                var levels = Enum.GetValues<CaseLevel>();
                var csv = new StringBuilder();
                csv.AppendJoin(';', new[] { Texts.Statistics_CsvMeasure, Texts.Statistics_From, Texts.Statistics_To, Texts.Statistics_Group, Texts.Organisation_Area }
                    .Concat(levels.Select(CaseTexts.Level)).Append(Texts.Statistics_Total).Select(CsvFile.Cell));
                csv.AppendLine();
                foreach (var table in report.Tables)
                {
                    foreach (var row in table.Rows)
                    {
                        csv.AppendJoin(';', new[]
                            {
                                CsvFile.Cell(StatisticsTexts.Title(table.Measure)), DanishTime.FormatInputDate(filter.From),
                                DanishTime.FormatInputDate(filter.To), CsvFile.Cell(report.GroupName ?? Texts.Statistics_AllGroups), CsvFile.Cell(row.AreaName),
                            }
                            .Concat(levels.Select(l => row.Counts[l].ToString(CultureInfo.InvariantCulture)))
                            .Append(row.Total.ToString(CultureInfo.InvariantCulture)));
                        csv.AppendLine();
                    }
                }

                return CsvFile.Result(context, csv, filter.FileName());
            })
            .RequireAuthorization(Policies.Statistics);
        return endpoints;
    }
}
