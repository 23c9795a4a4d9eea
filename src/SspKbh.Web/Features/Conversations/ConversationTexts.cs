using System.Globalization;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Conversations;

/// <summary>Danish names of the conversation's codes (resource keys by a fixed rule, the code as fallback).</summary>
public static class ConversationTexts
{
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Status(ConversationStatus status) => Get("ConversationStatus_" + status) ?? status.ToString();

    public static string Place(ConversationPlace place) => Get("ConversationPlace_" + place) ?? place.ToString();

    public static string Invitation(InvitationMethod method) => Get("InvitationMethod_" + method) ?? method.ToString();

    public static string ParticipantKind(ParticipantKind kind) => Get("ParticipantKind_" + kind) ?? kind.ToString();

    public static string Responsible(AgreementResponsible kind) => Get("AgreementResponsible_" + kind) ?? kind.ToString();

    public static string Outcome(AgreementOutcome outcome) => Get("AgreementOutcome_" + outcome) ?? outcome.ToString();

    public static string Stage(ChecklistStage stage) => Get("ChecklistStage_" + stage) ?? stage.ToString();

    public static string Section(ChecklistSection section) => Get("ChecklistSection_" + section) ?? section.ToString();

    public static string Step(ConversationStep step) => Get("ConversationStep_" + step) ?? step.ToString();

    /// <summary>A guidance text by the domain's key (e.g. "ConversationConstellation_Level1").</summary>
    public static string Guidance(string key) => Get(key) ?? key;

    public static string Date(DateOnly? date) => date?.ToString("d. MMMM yyyy", Danish) ?? "–";

    public static string When(DateOnly? date, TimeOnly? time) =>
        date is null ? Texts.Conversation_NoTime : time is null ? Date(date) : $"{date.Value.ToString("dddd d. MMMM yyyy", Danish)} kl. {time.Value.ToString("HH\\:mm", Danish)}";

    private static string? Get(string key) => Texts.ResourceManager.GetString(key, Texts.Culture);
}
