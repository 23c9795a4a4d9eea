using System.Text;

namespace SspKbh.Web.Infrastructure;

/// <summary>CSV for Danish Excel: semicolon-separated, UTF-8 with BOM, never cached.</summary>
public static class CsvFile
{
    /// <summary>Quotes a cell and defuses spreadsheet formulas (a cell may not start with = + - @).</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The file as a download. The BOM makes Excel read æ, ø and å as UTF-8.</summary>
    public static IResult Result(HttpContext context, StringBuilder csv, string fileName)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(),
            "text/csv; charset=utf-8", fileName);
    }
}
