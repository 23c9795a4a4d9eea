using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>Ids of the demo data's young people and their cases, as the addresses of the pages use them.</summary>
public static class DemoPeople
{
    public static async Task<string> PersonIdAsync(this SspAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return (await db.YoungPersons.Where(p => p.FullName == name).Select(p => p.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The id of the person's first case.</summary>
    public static async Task<string> CaseIdAsync(this SspAppFactory app, string personName)
    {
        await using var db = app.CreateDbContext();
        var id = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName))
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
