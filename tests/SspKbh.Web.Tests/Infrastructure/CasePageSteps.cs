using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using SspKbh.Web.Features.Cases;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// Steps on the interactive case page in bUnit: open it, read a part by its test id, choose in a dialog's MudSelect,
/// read a field's message. For the case page's component tests (CaseDetailsComponentTests, CaseConsentComponentTests).
/// </summary>
public static class CasePageSteps
{
    /// <summary>How long a step may wait for the page's loads and saves (the real services, SQLite or PostgreSQL).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Renders the case page for the host's user and waits until the case has been read.</summary>
    public static IRenderedComponent<CaseDetails> OpenCase(this ComponentHost host, int caseId)
    {
        var page = host.RenderPage<CaseDetails>(p => p.Add(x => x.Id, caseId));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.State), Patience);
        return page;
    }

    /// <summary>The text of the first element with this test id, or "" when there is none.</summary>
    public static string TestIdText<T>(this IRenderedComponent<T> rendered, string testId)
        where T : IComponent =>
        rendered.FindAll($"[data-testid='{testId}']").Select(e => e.TextContent).FirstOrDefault() ?? "";

    /// <summary>The message shown for the field whose input (or group) has this id.</summary>
    public static string ErrorText(this IRenderedComponent<MudDialogProvider> dialogs, string id) =>
        dialogs.FindAll($"#{id}-error").Select(e => e.TextContent.Trim()).FirstOrDefault() ?? "";

    /// <summary>Chooses a value in the dialog's MudSelect whose input has this id, as picking the option does.</summary>
    public static async Task ChooseAsync<T>(this IRenderedComponent<MudDialogProvider> dialogs, string inputId, T value)
    {
        var select = dialogs.FindComponents<MudSelect<T>>().Single(s => s.Instance.GetState(x => x.InputId) == inputId);
        await dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    /// <summary>Answers the open message box (a confirmation) with the button that has this text.</summary>
    public static async Task AnswerAsync(this IRenderedComponent<MudDialogProvider> dialogs, string buttonText)
    {
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-message-box")), TimeSpan.FromSeconds(10));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == buttonText).Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-message-box")), TimeSpan.FromSeconds(10));
    }

    /// <summary>Clicks the element with this test id.</summary>
    public static async Task ClickAsync<T>(this IRenderedComponent<T> rendered, string testId)
        where T : IComponent =>
        await rendered.InvokeAsync(() => rendered.Find($"[data-testid='{testId}']").Click());
}
