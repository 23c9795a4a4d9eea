namespace SspKbh.Web.Audit;

/// <summary>The action names written to the audit trail. Stable strings: reports filter on them.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInTwoFactor = "auth.sign-in-2fa";
    public const string SignOut = "auth.sign-out";
    public const string LockedOut = "auth.locked-out";
    public const string TwoFactorEnabled = "auth.2fa-enabled";
    public const string TwoFactorReset = "auth.2fa-reset";
    public const string AccessDenied = "auth.access-denied";
    public const string UserCreated = "admin.user.create";
    public const string UserUpdated = "admin.user.update";
    public const string UserDeactivated = "admin.user.deactivate";
    public const string UserReactivated = "admin.user.reactivate";
    public const string UserPasswordReset = "admin.user.password-reset";
    public const string UserSessionsEnded = "admin.user.sessions-ended";
    public const string GroupCreated = "admin.group.create";
    public const string GroupUpdated = "admin.group.update";
    public const string PartyUpdated = "admin.party.update";
    public const string PartyCreated = "admin.party.create";
    public const string LocalAreaUpdated = "admin.local-area.update";
    public const string DeadlinesUpdated = "admin.deadlines.update";
    public const string ChecklistPublished = "admin.checklist.publish";
    public const string PersonSearch = "young-person.search";
    public const string PersonCreated = "young-person.create";
    public const string CaseCreated = "case.create";
    public const string CaseView = "case.view";
    public const string CaseList = "case.list";
    public const string CaseUpdate = "case.update";
    public const string CaseExport = "case.export";
    public const string CprReveal = "young-person.cpr-reveal";
    public const string EmergencyAccess = "case.emergency-access";
    public const string ConsentView = "consent.view";
    public const string ConsentCreated = "consent.create";
    public const string ConsentWithdrawn = "consent.withdraw";
    public const string ConsentSharedList = "consent.shared-list";
    public const string ConsentSharedView = "consent.shared-view";
    public const string RetentionApplied = "retention.apply";
    public const string AuditView = "audit.view";
    public const string SubjectLookup = "audit.subject-lookup";
    public const string SubjectReport = "audit.subject-report";
    public const string MeetingView = "meeting.view";
    public const string MeetingCreated = "meeting.create";
    public const string MeetingUpdated = "meeting.update";
    public const string MinutesUpdated = "meeting.minutes";
    public const string MinutesApproved = "meeting.minutes-approve";
    public const string MinutesAddendum = "meeting.minutes-addendum";
    public const string MeetingConcernHandedOver = "meeting.concern-handover";
    public const string LeaderBoardView = "leader-board.view";
    public const string ConversationView = "conversation.view";
    public const string ConversationCreated = "conversation.create";
    public const string ConversationUpdated = "conversation.update";
    public const string StatisticsView = "statistics.view";
    public const string StatisticsExport = "statistics.export";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}
