using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.AuditLog;

public sealed record SubjectCase(int Id, string CaseNumber);

public sealed record SubjectPerson(int Id, string FullName, DateOnly DateOfBirth, IReadOnlyList<SubjectCase> Cases);

/// <summary>One lookup or change about the data subject, as the report shows it.</summary>
public sealed record SubjectReportRow(
    DateTime OccurredAtUtc, string Action, string? Purpose, string Outcome, string? PartyCode, string? PartyName,
    string? Roles, string? StaffName, string? CaseNumber);

public sealed record SubjectReport(
    SubjectPerson Person, DateOnly? From, DateOnly? To, DateTime GeneratedAtUtc, bool StaffNames,
    IReadOnlyList<SubjectReportRow> Rows, bool Truncated);

public enum SubjectReportOutcome
{
    Shown,
    NotFound,
    Refused,
}

/// <summary>The report page as read for one address (<see cref="Query"/>); carried from the prerender into the circuit.</summary>
public sealed record SubjectReportView(string Query, SubjectReportOutcome Outcome, SubjectPerson? Person, SubjectReport? Report)
{
    /// <summary>"navne=true" (also "on" or "1"); anything else leaves the names out rather than failing.</summary>
    public static bool IncludesNames(string? query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue("navne", out var value) && value.ToString() is "true" or "on" or "1";
}

/// <summary>What the administrator types on the look-up page: a case number or a CPR number.</summary>
public sealed class SubjectLookupInput
{
    public string? Query { get; set; }
}

public sealed partial class SubjectLookupInputValidator : AbstractValidator<SubjectLookupInput>
{
    public SubjectLookupInputValidator()
    {
        RuleFor(x => x.Query).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(Texts.SubjectLookup_Required)
            .Must(q => !LooksLikeCpr(q) || CprNumber.TryParse(q, out _)).WithMessage(Texts.SubjectLookup_CprInvalid)
            .Must(q => LooksLikeCpr(q) || IsCaseNumber(q)).WithMessage(Texts.SubjectLookup_FormatInvalid);
    }

    /// <summary>Ten digits, optionally with a dash after the sixth: DDMMÅÅ-XXXX.</summary>
    public static bool LooksLikeCpr(string? text) => text is not null && CprShape().IsMatch(text.Trim());

    /// <summary>Year, dash, at least five digits: 2026-00042 (see <c>CaseService.RegisterAsync</c>).</summary>
    public static bool IsCaseNumber(string? text) => text is not null && CaseNumberShape().IsMatch(text.Trim());

    [GeneratedRegex("^[0-9]{6}[- ]?[0-9]{4}$")]
    private static partial Regex CprShape();

    [GeneratedRegex("^[0-9]{4}-[0-9]{5,12}$")]
    private static partial Regex CaseNumberShape();
}

/// <summary>
/// The data-subject access report (indsigtsrapport) for the administrator: finding the young person and listing
/// every audit entry about them (the filtered viewer is <see cref="AuditLogGrid"/>). Every read is itself written
/// to the trail.
/// </summary>
public sealed class AuditLogQuery(SspDbContext db, AuditService audit, TimeProvider clock)
{
    private static readonly SubjectLookupInputValidator Validator = new();

    /// <summary>A report is for one person; more rows than this means the period should be shorter.</summary>
    public const int MaxReportRows = 10_000;

    public DateOnly Today => DanishTime.Today(clock);

    /// <summary>
    /// Finds the young person by case number or CPR number. The CPR number is neither logged nor
    /// written to the audit trail: the entry records only how the person was found and their id.
    /// </summary>
    public async Task<ServiceResult> LookupAsync(SubjectLookupInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!AuditLogGrid.MayRead(user))
        {
            return new ServiceResult().General(Texts.Forbidden_Text);
        }

        if (ServiceResult.Refusing(Validator, input) is { } refused)
        {
            return refused;
        }

        var result = new ServiceResult();
        var query = input.Query!.Trim();
        int? personId;
        string by;
        if (CprNumber.TryParse(query, out var cpr))
        {
            by = "cpr";
            var digits = cpr.Digits;
            personId = await db.YoungPersons.AsNoTracking().Where(p => p.Cpr == digits).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (personId is null)
            {
                result.Field(nameof(SubjectLookupInput.Query), Texts.SubjectLookup_CprNotFound);
            }
        }
        else
        {
            by = "case-number";
            personId = await db.Cases.AsNoTracking().Where(c => c.CaseNumber == query).Select(c => (int?)c.YoungPersonId).FirstOrDefaultAsync(cancellationToken);
            if (personId is null)
            {
                result.Field(nameof(SubjectLookupInput.Query), Texts.SubjectLookup_CaseNotFound);
            }
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.SubjectLookup, personId is null ? AuditOutcomes.Failure : AuditOutcomes.Success,
            SubjectType: personId is null ? null : "young-person", SubjectId: personId is null ? null : Id(personId.Value),
            Purpose: AuditPurposes.SubjectAccessRequest, Details: $"by={by}", Actor: user), cancellationToken);
        result.CreatedId = personId is null ? null : Id(personId.Value);
        return result;
    }

    /// <summary>
    /// The report page for the address it was opened with (the address is the state: "?fra=..&amp;til=..&amp;navne=true").
    /// The report is made, and audited, only when the person exists and the period is valid.
    /// </summary>
    public async Task<SubjectReportView> ReportViewAsync(int personId, string query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!AuditLogGrid.MayRead(user))
        {
            return new SubjectReportView(query, SubjectReportOutcome.Refused, null, null);
        }

        var person = await PersonAsync(personId, cancellationToken);
        if (person is null)
        {
            return new SubjectReportView(query, SubjectReportOutcome.NotFound, null, null);
        }

        // Only the period fields of the viewer's filter apply here.
        var filter = AuditFilter.FromQueryString(query);
        var report = filter.IsValid
            ? await SubjectReportAsync(person, filter.From, filter.To, SubjectReportView.IncludesNames(query), user, cancellationToken)
            : null;
        return new SubjectReportView(query, SubjectReportOutcome.Shown, person, report);
    }

    public async Task<SubjectPerson?> PersonAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.YoungPersons.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Id, p.FullName, p.DateOfBirth }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var cases = await db.Cases.AsNoTracking().Where(c => c.YoungPersonId == personId).OrderBy(c => c.Id)
            .Select(c => new SubjectCase(c.Id, c.CaseNumber)).ToListAsync(cancellationToken);
        return new SubjectPerson(person.Id, person.FullName, person.DateOfBirth, cases);
    }

    /// <summary>
    /// Every entry about the person and their cases, oldest first. "About" means: subject
    /// "young-person" with the person's id, subject "case" with one of their case ids, list and search
    /// entries that showed one of those ids (rows of AuditEntrySubjects, or before that comma-separated
    /// subject ids), and denied requests for one
    /// of their case pages (subject "path"). Generating the report is audited, including whether
    /// staff names were shown.
    /// </summary>
    public async Task<SubjectReport> SubjectReportAsync(SubjectPerson person, DateOnly? from, DateOnly? to, bool includeStaffNames,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().Where(AboutPerson(person, db.AuditEntrySubjects));
        if (from is { } f)
        {
            var fromUtc = AuditFilter.StartOfDayUtc(f);
            query = query.Where(a => a.OccurredAtUtc >= fromUtc);
        }

        if (to is { } t)
        {
            var toUtc = AuditFilter.StartOfDayUtc(t.AddDays(1));
            query = query.Where(a => a.OccurredAtUtc < toUtc);
        }

        var entries = await query.OrderBy(a => a.Sequence).Take(MaxReportRows + 1).ToListAsync(cancellationToken);
        var truncated = entries.Count > MaxReportRows;
        entries = entries.Take(MaxReportRows).ToList();

        // The person's ids among the records each list entry showed (for the case numbers in the report).
        var sequences = entries.Select(e => e.Sequence).ToList();
        var ownIds = person.Cases.Select(c => Id(c.Id)).Append(Id(person.Id)).ToList();
        var listed = (await db.AuditEntrySubjects.AsNoTracking().Where(s => sequences.Contains(s.AuditSequence) && ownIds.Contains(s.SubjectId))
            .ToListAsync(cancellationToken)).ToLookup(s => s.AuditSequence, s => s.SubjectId);
        foreach (var entry in entries)
        {
            entry.ListedIds = listed[entry.Sequence].ToList();
        }

        var partyNames = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
        var staffNames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (includeStaffNames)
        {
            var ids = entries.Where(e => e.UserId != null).Select(e => e.UserId!).Distinct().ToList();
            staffNames = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        }

        var caseNumbers = person.Cases.ToDictionary(c => Id(c.Id), c => c.CaseNumber, StringComparer.Ordinal);
        var rows = entries.Select(e => new SubjectReportRow(
            e.OccurredAtUtc, e.Action, e.Purpose, e.Outcome, e.Party,
            e.Party is null ? null : partyNames.GetValueOrDefault(e.Party),
            e.Roles,
            includeStaffNames && e.UserId is not null ? staffNames.GetValueOrDefault(e.UserId) : null,
            CaseNumberOf(e, caseNumbers))).ToList();

        var generatedAt = clock.GetUtcNow().UtcDateTime;
        await audit.WriteAsync(new AuditEvent(AuditActions.SubjectReport, SubjectType: "young-person", SubjectId: Id(person.Id),
            Purpose: AuditPurposes.SubjectAccessRequest,
            Details: Join(
                $"staff-names={(includeStaffNames ? "included" : "omitted")}",
                from is null ? null : "from=" + from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to is null ? null : "to=" + to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"rows={rows.Count}"),
            Actor: user), cancellationToken);

        return new SubjectReport(person, from, to, generatedAt, includeStaffNames, rows, truncated);
    }

    private static Expression<Func<AuditRecord, bool>> AboutPerson(SubjectPerson person, IQueryable<AuditEntrySubject> listedSubjects)
    {
        var personId = Id(person.Id);
        var caseIds = person.Cases.Select(c => Id(c.Id)).ToList();
        Expression<Func<AuditRecord, bool>> about = a =>
            (a.SubjectType == "young-person" && a.SubjectId == personId) ||
            (a.SubjectType == "case" && caseIds.Contains(a.SubjectId!));
        // One entry per view: the records it showed are rows of AuditEntrySubjects, looked up by (SubjectId, AuditSequence).
        about = Or(about, a => a.SubjectType == "case" && listedSubjects.Any(s => s.AuditSequence == a.Sequence && caseIds.Contains(s.SubjectId)));
        about = Or(about, a => a.SubjectType == "young-person" && listedSubjects.Any(s => s.AuditSequence == a.Sequence && s.SubjectId == personId));
        // Entries written before: the ids as comma-separated pieces of the subject id.
        about = Or(about, InList("young-person", personId));
        foreach (var caseId in caseIds)
        {
            var page = "/sager/" + caseId;
            var below = page + "/";
            about = Or(about, InList("case", caseId));
            about = Or(about, a => a.SubjectType == "path" && (a.SubjectId == page || a.SubjectId!.StartsWith(below)));
        }

        return about;
    }

    /// <summary>Entries whose subject id is a comma-separated list (lists, searches) that includes <paramref name="id"/>.</summary>
    private static Expression<Func<AuditRecord, bool>> InList(string subjectType, string id)
    {
        var first = id + ",";
        var last = "," + id;
        var middle = "," + id + ",";
        return a => a.SubjectType == subjectType &&
                    (a.SubjectId!.StartsWith(first) || a.SubjectId.EndsWith(last) || a.SubjectId.Contains(middle));
    }

    private static Expression<Func<AuditRecord, bool>> Or(Expression<Func<AuditRecord, bool>> left, Expression<Func<AuditRecord, bool>> right)
    {
        var body = new ReplaceParameter(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<AuditRecord, bool>>(Expression.OrElse(left.Body, body), left.Parameters[0]);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static string? CaseNumberOf(AuditRecord entry, IReadOnlyDictionary<string, string> caseNumbers)
    {
        if (entry.SubjectId is null && entry.ListedIds.Count == 0)
        {
            return null;
        }

        var ids = entry.SubjectType switch
        {
            "case" when entry.ListedIds.Count > 0 => entry.ListedIds,
            "case" => entry.SubjectId!.Split(','),
            "path" => [entry.SubjectId!.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? ""],
            _ => [],
        };
        var numbers = ids.Where(caseNumbers.ContainsKey).Select(id => caseNumbers[id]).Distinct().ToList();
        return numbers.Count == 0 ? null : string.Join(", ", numbers);
    }

    private static string Join(params string?[] parts) => string.Join("; ", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
