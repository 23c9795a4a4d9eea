using System.Globalization;
using System.Text;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>CSV export of the current case list filter (scope and audit as the list itself).</summary>
public static class CaseExportEndpoint
{
    public static IEndpointRouteBuilder MapCaseExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sager/eksport.csv", async (HttpContext context, CaseListQuery list, CancellationToken cancellationToken) =>
            {
                var filter = CaseFilter.FromQuery(context.Request.Query);
                var rows = await list.ExportAsync(filter, context.User, cancellationToken);
                var csv = new StringBuilder();
                csv.AppendLine(Texts.CaseExport_Header);
                foreach (var r in rows)
                {
                    csv.AppendJoin(';',
                        CsvFile.Cell(r.CaseNumber), CsvFile.Cell(r.PersonName), r.DateOfBirth.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                        ((int)r.Level).ToString(CultureInfo.InvariantCulture), CsvFile.Cell(CaseTexts.Status(r.Status) + (r.Received ? " – " + CaseRowMarkup.ReceivedText(r) : "")), CsvFile.Cell(r.GroupName),
                        CsvFile.Cell(r.LeadParty), r.RaisedOn.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), r.Overdue ? Texts.Yes : Texts.No);
                    csv.AppendLine();
                }

                return CsvFile.Result(context, csv, $"sager-{DateTime.UtcNow:yyyyMMdd}.csv");
            })
            .RequireAuthorization(Policies.PersonalData);
        return endpoints;
    }
}
