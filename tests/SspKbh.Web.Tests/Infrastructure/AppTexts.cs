using System.Collections;
using System.Globalization;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>The app's own Danish texts, for tests that check a refusal speaks Danish rather than a framework's English.</summary>
public static class AppTexts
{
    private static readonly IReadOnlyList<string> All = Texts.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!
        .Cast<DictionaryEntry>().Select(e => e.Value).OfType<string>().ToList();

    /// <summary>Whether the message is one of the texts (or one with its blanks filled in).</summary>
    public static bool IsDanishText(string message) =>
        All.Any(t => t == message || (t.IndexOf("{0}", StringComparison.Ordinal) is >= 5 and var blank && message.StartsWith(t[..blank], StringComparison.Ordinal)));
}
