using SspKbh.Web.Features.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Components.Interactive;

/// <summary>
/// What a page that shows one record (a case, a meeting, a conversation) says when the record is unknown or the user may
/// not see it, and where it leads back to. One per kind of record, used by the interactive <see cref="RecordRefused"/>
/// and the static <c>RecordRefusedStatic</c> (print views) alike, so both say the same.
/// </summary>
public sealed record PageRefusal(string NotFound, string Forbidden, string BackHref, string BackText)
{
    public static readonly PageRefusal Case = new(Texts.Case_NotFound, Texts.Case_Forbidden, "/sager", Texts.Cases_Back);

    public static readonly PageRefusal Meeting = new(Texts.Meeting_NotFound, Texts.Meeting_Forbidden, "/moeder", Texts.Meeting_BackToMine);

    public static readonly PageRefusal Conversation = new(Texts.Conversation_NotFound, Texts.Conversation_Forbidden, "/samtaler", Texts.Conversation_BackToMine);

    /// <summary>The status code a refused prerender answers with.</summary>
    public static int StatusCode(LookupOutcome outcome) =>
        outcome == LookupOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
}
