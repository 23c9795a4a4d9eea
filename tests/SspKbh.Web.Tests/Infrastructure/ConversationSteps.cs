using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Conversations;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>Set-up and calls shared by the concern conversation tests (services, bUnit and HTTP).</summary>
public static class ConversationSteps
{
    /// <summary>
    /// A fresh planned conversation on Freja Nielsen's case (level 1, Koordinationsgruppe Amager Øst) with the newest
    /// checklist version, so tests do not share state; <paramref name="setUp"/> may change it before it is saved.
    /// </summary>
    public static async Task<int> NewFrejaConversationAsync(this SspAppFactory app, string responsibleEmail, Action<ConcernConversation>? setUp = null)
    {
        var responsible = await app.UserIdAsync(responsibleEmail);
        await using var db = app.CreateDbContext();
        var c = await db.Cases.Where(x => db.YoungPersons.Any(p => p.Id == x.YoungPersonId && p.FullName == "Freja Nielsen")).SingleAsync();
        var template = await db.ChecklistTemplates.OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync();
        var record = ConcernConversation.Create(c.Id, null, responsible, c.Level, template, responsible, DateTime.UtcNow);
        setUp?.Invoke(record);
        db.ConcernConversations.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    /// <summary>Calls a service of the app in a scope of its own as the user with this e-mail address, as an interactive page does.</summary>
    public static Task<T> AsAsync<TService, T>(this SspAppFactory app, string email, Func<TService, ClaimsPrincipal, Task<T>> work)
        where TService : notnull =>
        app.WithScopeAsync(async services => await work(services.GetRequiredService<TService>(), await AppHelpers.PrincipalAsync(services, email)));
}
