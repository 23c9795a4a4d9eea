using SspKbh.Domain.Meetings;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Meetings;

public static class MeetingTexts
{
    public static string Reason(AgendaReason reason) => Get("AgendaReason_" + reason) ?? reason.ToString();

    public static string Reasons(AgendaReason reasons) => string.Join(", ", AgendaProposal.Each(reasons).Select(Reason));

    public static string Decision(MeetingDecision decision) => Get("MeetingDecision_" + decision) ?? decision.ToString();

    public static string Attendance(AttendanceStatus status) => Get("Attendance_" + status) ?? status.ToString();

    public static string When(MeetingSummary m) =>
        $"{m.Date.ToString("dddd d. MMMM yyyy", Culture)} kl. {m.StartTime.ToString("HH\\:mm", Culture)}";

    public static string State(MeetingSummary m) =>
        m.Locked ? Texts.Meeting_State_Approved : m.Published ? Texts.Meeting_State_Published : Texts.Meeting_State_Draft;

    private static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    private static string? Get(string key) => Texts.ResourceManager.GetString(key, Texts.Culture);
}
