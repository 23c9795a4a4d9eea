using System.Reflection;
using SspKbh.Domain.Access;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Audit;

/// <summary>
/// Danish labels for the codes stored in the audit trail, in one place for the audit viewer and the
/// data-subject report. Each code maps to a resource name in Texts.resx by a fixed rule
/// (<c>AuditAction_</c>, <c>AuditPurpose_</c>, <c>AuditSubject_</c>, <c>AuditOutcome_</c> plus the code
/// with '.' and '-' turned into '_'). A code without a text is shown as the raw code, so an entry
/// written by newer code is never hidden or mislabelled.
/// </summary>
public static class AuditLabels
{
    /// <summary>Purposes (bases) written by the app. Keep in step with the code that writes them.</summary>
    public static readonly IReadOnlyList<string> KnownPurposes =
    [
        AuditPurposes.CoordinationGroup,
        AuditPurposes.LeaderGroupReview,
        AuditPurposes.Edit,
        AuditPurposes.CaseList,
        AuditPurposes.CaseExport,
        AuditPurposes.DuplicateCheck,
        AuditPurposes.MyActions,
        AuditPurposes.EmergencyAccess,
        AuditPurposes.Consent,
        AuditPurposes.AuditReview,
        AuditPurposes.SubjectAccessRequest,
        AuditPurposes.Statistics,
        AuditPurposes.Meeting,
        AuditPurposes.Minutes,
        AuditPurposes.MeetingPrint,
        AuditPurposes.LeaderGroupBoard,
        AuditPurposes.MyConversations,
        AuditPurposes.Invitation,
    ];

    /// <summary>Kinds of subject written by the app.</summary>
    public static readonly IReadOnlyList<string> KnownSubjectTypes =
        ["case", "young-person", "user", "group", "party", "local-area", "level-deadlines", "path", "meeting", "checklist"];

    public static readonly IReadOnlyList<string> KnownOutcomes = [AuditOutcomes.Success, AuditOutcomes.Failure, AuditOutcomes.Denied];

    /// <summary>Every action code declared in <see cref="AuditActions"/>.</summary>
    public static IReadOnlyList<string> KnownActions { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    public static string ActionKey(string action) => "AuditAction_" + Normalize(action);

    public static string PurposeKey(string purpose) => "AuditPurpose_" + Normalize(purpose);

    public static string SubjectTypeKey(string subjectType) => "AuditSubject_" + Normalize(subjectType);

    public static string OutcomeKey(string outcome) => "AuditOutcome_" + Normalize(outcome);

    /// <summary>Danish label of an action such as "case.view" (the code itself if unknown).</summary>
    public static string Action(string? action) => Label(action, ActionKey);

    /// <summary>Danish label of a purpose/basis such as "coordination-group" (the code itself if unknown).</summary>
    public static string Purpose(string? purpose) => Label(purpose, PurposeKey);

    public static string SubjectType(string? subjectType) => Label(subjectType, SubjectTypeKey);

    public static string Outcome(string? outcome) => Label(outcome, OutcomeKey);

    /// <summary>"Administrator (SSP Sekretariatet), Sekretær" from the stored comma list of role names.</summary>
    public static string Roles(string? roles) => string.IsNullOrEmpty(roles)
        ? ""
        : string.Join(", ", roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<AppRole>(r, out var role) && Enum.IsDefined(role) ? Components.Shared.RoleNames.Name(role) : r));

    /// <summary>Whether a Danish text exists for the code (used by tests to keep the labels complete).</summary>
    public static bool HasText(string key) => Texts.ResourceManager.GetString(key, Texts.Culture) is not null;

    private static string Label(string? code, Func<string, string> key) =>
        string.IsNullOrEmpty(code) ? "" : Texts.ResourceManager.GetString(key(code), Texts.Culture) ?? code;

    private static string Normalize(string code) => code.Replace('.', '_').Replace('-', '_');
}

/// <summary>The purpose (basis) codes written to the audit trail's Purpose field.</summary>
public static class AuditPurposes
{
    public const string CoordinationGroup = "coordination-group";
    public const string LeaderGroupReview = "leader-group-review";
    public const string Edit = "edit";
    public const string CaseList = "case-list";
    public const string CaseExport = "case-export";
    public const string DuplicateCheck = "duplicate-check";
    public const string MyActions = "my-actions";
    public const string EmergencyAccess = "emergency-access";
    public const string SspPlusReceived = "ssp-plus-received";
    public const string Consent = "consent";
    public const string AuditReview = "audit-review";
    public const string SubjectAccessRequest = "subject-access-request";
    public const string Statistics = "statistics";
    public const string Meeting = "meeting";
    public const string Minutes = "minutes";
    public const string MeetingPrint = "print";
    public const string LeaderGroupBoard = "leader-group-board";
    public const string MyConversations = "my-conversations";

    /// <summary>The conversations a participant is invited to (<c>ConversationInvitations</c>).</summary>
    public const string Invitation = "invitation";
}
