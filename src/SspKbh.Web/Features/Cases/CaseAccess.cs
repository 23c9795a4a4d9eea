using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
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

    /// <summary>
    /// An authority person outside the case's groups who stated a reason ("break-glass"): read-only and
    /// time-limited, flagged in the audit trail and shown to the group on the case.
    /// </summary>
    EmergencyAccess = 3,

    /// <summary>
    /// Authority member of the SSP+ koordinationsgruppe the case was handed over to: read-only, like an emergency access
    /// but without a time limit; the case stays closed in the group that handed it over (ADR 0030).
    /// </summary>
    SspPlusReceived = 4,
}

public static class CaseAccessBases
{
    /// <summary>The purpose code written to the audit trail for an access on this basis.</summary>
    public static string AuditPurpose(this CaseAccessBasis basis) => basis switch
    {
        CaseAccessBasis.CoordinationGroupMember => "coordination-group",
        CaseAccessBasis.LeaderGroupReview => "leader-group-review",
        CaseAccessBasis.EmergencyAccess => "emergency-access",
        CaseAccessBasis.SspPlusReceived => Audit.AuditPurposes.SspPlusReceived,
        _ => "none",
    };

    /// <summary>
    /// Whether the basis lets the user change the case (goals, actions, notes, factors, reviews): the koordinationsgruppe
    /// and the ledergruppe do; an emergency access and a received handover only read.
    /// </summary>
    public static bool MayChange(this CaseAccessBasis basis) =>
        basis is CaseAccessBasis.CoordinationGroupMember or CaseAccessBasis.LeaderGroupReview;
}

/// <summary>
/// The group scope of one user: which koordinationsgrupper they see all cases of, which they see level 3–4 cases of
/// through a ledergruppe, and which SSP+ koordinationsgrupper they see the cases handed over to (read-only, ADR 0030).
/// Non-authority users see nothing (§115).
/// </summary>
public sealed record CaseScope(IReadOnlySet<int> MemberGroupIds, IReadOnlySet<int> LeaderReviewGroupIds, IReadOnlySet<int> ReceivingGroupIds)
{
    public static readonly CaseScope Empty = new(new HashSet<int>(), new HashSet<int>(), new HashSet<int>());

    public bool IsEmpty => MemberGroupIds.Count == 0 && LeaderReviewGroupIds.Count == 0;

    /// <param name="sspPlusGroupId">The SSP+ koordinationsgruppe the case was handed over to, if it was (<see cref="SspCase.SspPlusGroupId"/>).</param>
    public CaseAccessBasis BasisFor(int coordinationGroupId, CaseLevel level, int? sspPlusGroupId) =>
        MemberGroupIds.Contains(coordinationGroupId) ? CaseAccessBasis.CoordinationGroupMember
        : level.RequiresLevelForm() && LeaderReviewGroupIds.Contains(coordinationGroupId) ? CaseAccessBasis.LeaderGroupReview
        : sspPlusGroupId is { } received && ReceivingGroupIds.Contains(received) ? CaseAccessBasis.SspPlusReceived
        : CaseAccessBasis.None;

    public CaseAccessBasis BasisFor(SspCase c) => BasisFor(c.CoordinationGroupId, c.Level, c.SspPlusGroupId);

    /// <summary>
    /// The cases of one group in a query already restricted to this scope: the group's own, and for an SSP+
    /// koordinationsgruppe the user is a member of, also those handed over to it.
    /// </summary>
    public IQueryable<SspCase> InGroup(IQueryable<SspCase> cases, int groupId) =>
        ReceivingGroupIds.Contains(groupId)
            ? cases.Where(c => c.CoordinationGroupId == groupId || c.SspPlusGroupId == groupId)
            : cases.Where(c => c.CoordinationGroupId == groupId);

    /// <summary>
    /// Restricts a case query to what this scope may see (translated to SQL). Only the parts the user has are put in
    /// the condition: an OR with an empty list (<c>group = ANY('{}') AND level >= 3</c>) still makes PostgreSQL read
    /// the whole level index (335 ms against 16 ms without it at 100,000 cases), so a member of no ledergruppe gets
    /// just her groups' condition.
    /// </summary>
    public IQueryable<SspCase> Apply(IQueryable<SspCase> cases)
    {
        var members = MemberGroupIds.ToList();
        var leaders = LeaderReviewGroupIds.ToList();
        var receiving = ReceivingGroupIds.ToList();
        var parts = new List<Expression<Func<SspCase, bool>>>();
        if (members.Count > 0)
        {
            parts.Add(c => members.Contains(c.CoordinationGroupId));
        }

        if (leaders.Count > 0)
        {
            parts.Add(c => leaders.Contains(c.CoordinationGroupId) && c.Level >= CaseLevel.RepeatedSeriousCrime);
        }

        if (receiving.Count > 0)
        {
            parts.Add(c => c.SspPlusGroupId != null && receiving.Contains(c.SspPlusGroupId.Value));
        }

        return parts.Count == 0 ? cases.Where(_ => false) : cases.Where(AnyOf(parts));
    }

    /// <summary>The parts joined with OR over one parameter, as EF Core translates it.</summary>
    private static Expression<Func<SspCase, bool>> AnyOf(IReadOnlyList<Expression<Func<SspCase, bool>>> parts)
    {
        var parameter = parts[0].Parameters[0];
        var body = parts[0].Body;
        foreach (var part in parts.Skip(1))
        {
            body = Expression.OrElse(body, new ParameterSwap(part.Parameters[0], parameter).Visit(part.Body));
        }

        return Expression.Lambda<Func<SspCase, bool>>(body, parameter);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>Settings of the §115 boundary (section "Access").</summary>
public sealed class AccessOptions
{
    /// <summary>How long an emergency access ("break-glass") to a case outside one's groups lasts.</summary>
    public TimeSpan EmergencyAccessDuration { get; set; } = TimeSpan.FromHours(4);
}

public sealed class CaseAccess(SspDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The basis on which the user may read the case: their groups first, otherwise an active
    /// emergency-access grant. <see cref="CaseAccessBasis.None"/> when they may not.
    /// </summary>
    public async Task<CaseAccessBasis> ReadBasisAsync(ClaimsPrincipal user, SspCase c, CancellationToken cancellationToken) =>
        await ReadBasisAsync(await ScopeForAsync(user, cancellationToken), user, c, cancellationToken);

    /// <summary>As <see cref="ReadBasisAsync(ClaimsPrincipal, SspCase, CancellationToken)"/>, with the user's scope already read.</summary>
    public async Task<CaseAccessBasis> ReadBasisAsync(CaseScope scope, ClaimsPrincipal user, SspCase c, CancellationToken cancellationToken)
    {
        var basis = scope.BasisFor(c);
        if (basis != CaseAccessBasis.None || !MayRequestEmergencyAccess(user))
        {
            return basis;
        }

        var userId = user.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var granted = await db.CaseAccessGrants.AsNoTracking()
            .AnyAsync(g => g.CaseId == c.Id && g.UserId == userId && g.ExpiresAtUtc > now && g.GrantedAtUtc <= now, cancellationToken);
        return granted ? CaseAccessBasis.EmergencyAccess : CaseAccessBasis.None;
    }

    /// <summary>
    /// Only authority persons in a role that handles individual cases may open a case outside their
    /// groups with a stated reason; non-authority users never can (§115).
    /// </summary>
    public static bool MayRequestEmergencyAccess(ClaimsPrincipal user) =>
        user.IsAuthorityPerson() && user.AppRoles().Any(r => r.GrantsPersonalData());

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
        // Cases are handed over to an SSP+ koordinationsgruppe only (CaseWorkService.HandOverAsync).
        var receiving = groups.Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).ToHashSet();
        var leaderGroupIds = groups.Where(g => g.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup).Select(g => g.Id).ToList();
        var reviewed = leaderGroupIds.Count == 0
            ? new HashSet<int>()
            : (await db.Groups.AsNoTracking()
                .Where(g => g.ParentGroupId != null && leaderGroupIds.Contains(g.ParentGroupId.Value))
                .Select(g => g.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        return new CaseScope(members, reviewed, receiving);
    }

    /// <summary>
    /// The authority users who work on a case through their groups: the active authority members of its
    /// koordinationsgruppe and, for a level 3–4 case, of the ledergruppe above it; each once, by name (Danish order),
    /// with the first of their groups. They are who may own the case's actions and tasks (also those written in a
    /// ledergruppe's minutes) and be responsible for its concern conversations; its lead comes from the koordinationsgruppe.
    /// </summary>
    public async Task<List<CasePerson>> AuthorityPeopleOfCaseAsync(int caseId, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.CoordinationGroupId, x.Level }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return [];
        }

        var groupIds = new List<int> { c.CoordinationGroupId };
        if (c.Level.RequiresLevelForm())
        {
            var parent = await db.Groups.AsNoTracking().Where(g => g.Id == c.CoordinationGroupId).Select(g => g.ParentGroupId).FirstOrDefaultAsync(cancellationToken);
            if (parent is { } p && await db.Groups.AnyAsync(g => g.Id == p && (g.Kind == GroupKind.LeaderGroup || g.Kind == GroupKind.SspPlusLeaderGroup), cancellationToken))
            {
                groupIds.Add(p);
            }
        }

        var rows = await db.GroupMemberships.AsNoTracking().Where(m => groupIds.Contains(m.GroupId))
            .Join(db.Users.Where(u => u.IsActive && u.IsAuthorityPerson), m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.FullName, u.PartyId })
            .Join(db.Parties, x => x.PartyId, p => p.Id, (x, p) => new { x.GroupId, x.Id, x.FullName, p.Code })
            .Join(db.Groups, x => x.GroupId, g => g.Id, (x, g) => new { x.GroupId, x.Id, x.FullName, x.Code, g.Name })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(x => groupIds.IndexOf(x.GroupId)).DistinctBy(x => x.Id)
            .OrderBy(x => x.FullName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), false))
            .Select(x => new CasePerson(x.Id, x.FullName, x.Code, x.Name, x.GroupId == c.CoordinationGroupId)).ToList();
    }
}

/// <summary>An authority user who works on a case through one of its groups (<see cref="CaseAccess.AuthorityPeopleOfCaseAsync"/>).</summary>
public sealed record CasePerson(string UserId, string FullName, string PartyCode, string GroupName, bool InCoordinationGroup);
