using System.Globalization;
using System.Text;
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
                        Cell(r.CaseNumber), Cell(r.PersonName), r.DateOfBirth.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                        ((int)r.Level).ToString(CultureInfo.InvariantCulture), Cell(CaseTexts.Status(r.Status)), Cell(r.GroupName),
                        Cell(r.LeadParty), r.RaisedOn.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), r.Overdue ? Texts.Yes : Texts.No);
                    csv.AppendLine();
                }

                // UTF-8 with BOM so Excel shows æ, ø and å; never cached.
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(),
                    "text/csv; charset=utf-8", $"sager-{DateTime.UtcNow:yyyyMMdd}.csv");
            })
            .RequireAuthorization(Policies.PersonalData);
        return endpoints;
    }

    /// <summary>Quotes a cell and defuses spreadsheet formulas (a cell may not start with = + - @).</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
