using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Cases;

/// <summary>Why a user may see a case; written to the audit trail as the purpose of the access.</summary>
public enum CaseAccessBasis
{
    None = 0,

    /// <summary>Authority member (or secretary) of the case's koordinationsgruppe.</summary>
    CoordinationGroupMember = 1,

    /// <summary>Member of the ledergruppe above the case's group, for a level 3–4 case.</summary>
    LeaderGroupReview = 2,
}

/// <summary>
/// The group scope of one user: which koordinationsgrupper they see all cases of, and which they see
/// level 3–4 cases of through a ledergruppe. Non-authority users see nothing (§115).
/// </summary>
public sealed record CaseScope(IReadOnlySet<int> MemberGroupIds, IReadOnlySet<int> LeaderReviewGroupIds)
{
    public static readonly CaseScope Empty = new(new HashSet<int>(), new HashSet<int>());

    public bool IsEmpty => MemberGroupIds.Count == 0 && LeaderReviewGroupIds.Count == 0;

    public CaseAccessBasis BasisFor(int coordinationGroupId, CaseLevel level) =>
        MemberGroupIds.Contains(coordinationGroupId) ? CaseAccessBasis.CoordinationGroupMember
        : level.RequiresLevelForm() && LeaderReviewGroupIds.Contains(coordinationGroupId) ? CaseAccessBasis.LeaderGroupReview
        : CaseAccessBasis.None;

    /// <summary>Restricts a case query to what this scope may see (translated to SQL).</summary>
    public IQueryable<SspCase> Apply(IQueryable<SspCase> cases)
    {
        var members = MemberGroupIds.ToList();
        var leaders = LeaderReviewGroupIds.ToList();
        return cases.Where(c => members.Contains(c.CoordinationGroupId)
            || (leaders.Contains(c.CoordinationGroupId) && c.Level >= CaseLevel.RepeatedSeriousCrime));
    }
}

public sealed class CaseAccess(SspDbContext db)
{
    public async Task<CaseScope> ScopeForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsAuthorityPerson())
        {
            return CaseScope.Empty;
        }

        var groupIds = user.GroupIds().ToList();
        if (groupIds.Count == 0)
        {
            return CaseScope.Empty;
        }

        var groups = await db.Groups.AsNoTracking()
            .Where(g => groupIds.Contains(g.Id) && g.IsActive)
            .Select(g => new { g.Id, g.Kind })
            .ToListAsync(cancellationToken);
        var members = groups.Where(g => g.Kind is GroupKind.CoordinationGroup or GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).ToHashSet();
        var leaderGroupIds = groups.Where(g => g.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup).Select(g => g.Id).ToList();
        var reviewed = leaderGroupIds.Count == 0
            ? new HashSet<int>()
            : (await db.Groups.AsNoTracking()
                .Where(g => g.ParentGroupId != null && leaderGroupIds.Contains(g.ParentGroupId.Value))
                .Select(g => g.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        return new CaseScope(members, reviewed);
    }
}
