using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Home;

/// <summary>What the home page shows one user: her groups and, for an authority person, the cases and work that wait for her.</summary>
public sealed record HomeView(
    int? OverdueCases,
    IReadOnlyList<CaseListQuery.MyAction> MyActions,
    ConversationCounts? Conversations,
    IReadOnlyList<HomeGroup> Groups);

public sealed record HomeGroup(string Name, GroupKind Kind, GroupRole Role);

public sealed record ConversationCounts(int Upcoming, int Preparing, int FollowUps, int NotJournalised);

/// <summary>Loads the home page for the user it is given (the list of actions is audited as a view of those cases).</summary>
public sealed class HomeDashboard(SspDbContext db, CaseListQuery cases, MyConversationsReader conversations)
{
    public async Task<HomeView> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        int? overdue = null;
        IReadOnlyList<CaseListQuery.MyAction> actions = [];
        ConversationCounts? counts = null;
        if (user.IsAuthorityPerson())
        {
            overdue = await cases.CountOverdueAsync(user, cancellationToken);
            actions = await cases.MyActionsAsync(user, cancellationToken);
            if (await conversations.CountsAsync(user, cancellationToken) is { } c)
            {
                counts = new ConversationCounts(c.Upcoming, c.Preparing, c.FollowUps, c.NotJournalised);
            }
        }

        var userId = user.UserId();
        var groups = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Name, g.Kind, m.Role })
            .OrderBy(g => g.Name)
            .Select(g => new HomeGroup(g.Name, g.Kind, g.Role))
            .ToListAsync(cancellationToken);
        return new HomeView(overdue, actions, counts, groups);
    }
}
