using System.Text.RegularExpressions;

namespace SspKbh.E2E;

/// <summary>
/// Bugs in the app that these tests found and reported but may not fix (the app is other people's
/// work). Each is tolerated in exactly one place and shown by a skipped test; when the bug is fixed,
/// set the flag to false and remove the Skip.
/// </summary>
public static partial class KnownBugs
{
    /// <summary>
    /// src/SspKbh.Web/SspKbh.Web.csproj (target CopyFrontEndLibs) copies only img/all-svg-icons.svg from
    /// DKFDS, but dkfds.min.css draws form-control icons from img/svg-icons/*.svg (the chevron of every
    /// &lt;select&gt;, the tick of a checked checkbox, …). Those answer 404: selects lose their arrow.
    /// </summary>
    public const string DkfdsSvgIconsNotCopied =
        "Known bug: SspKbh.Web.csproj copies only DKFDS's img/all-svg-icons.svg, not img/svg-icons/*.svg, which dkfds.min.css uses (select chevron, checkbox tick): 404.";

    public const bool DkfdsSvgIconsMissing = true;

    /// <summary>
    /// src/SspKbh.Web/AppServices.cs registers <c>TimeProvider.System</c> and never calls
    /// <c>Clock.AddSspClock</c> (src/SspKbh.Web/Infrastructure/Clock.cs), so <c>Testing:ClockOffset</c>
    /// has no effect: the app's clock cannot be moved forward to show overdue deadlines.
    /// </summary>
    public const string ClockOffsetIgnored =
        "Known bug: AppServices.cs registers TimeProvider.System and never calls Clock.AddSspClock, so Testing__ClockOffset has no effect.";

    /// <summary>A 404 that <see cref="DkfdsSvgIconsNotCopied"/> explains.</summary>
    public static bool IsMissingDkfdsSvgIcon(string url, int status) =>
        DkfdsSvgIconsMissing && status == 404 && DkfdsSvgIcon().IsMatch(url);

    [GeneratedRegex(@"/lib/dkfds/img/svg-icons/[a-z0-9-]+\.svg$")]
    private static partial Regex DkfdsSvgIcon();
}
