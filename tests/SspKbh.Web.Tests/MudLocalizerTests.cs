using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SspKbh.Web.Components.Mud;

namespace SspKbh.Web.Tests;

/// <summary>
/// <see cref="DanishMudLocalizer"/> against the English texts MudBlazor embeds (read from its assembly at test time),
/// so a MudBlazor upgrade that adds a key or changes a placeholder fails here instead of showing English in the UI.
/// </summary>
public sealed partial class MudLocalizerTests
{
    private const string LanguageResource = "MudBlazor.Resources.LanguageResource.resources";
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Keys whose Danish text is rightly the same as the English one (symbols and loanwords).</summary>
    private static readonly HashSet<string> SameInDanish = new(StringComparer.Ordinal)
    {
        "MudColorPicker_Hex",
        "MudDataGrid_Operator",
        "MudDataGrid_EqualSign",
        "MudDataGrid_NotEqualSign",
        "MudDataGrid_GreaterThanSign",
        "MudDataGrid_GreaterThanOrEqualSign",
        "MudDataGrid_LessThanSign",
        "MudDataGrid_LessThanOrEqualSign",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> English = new(ReadEnglish);

    private static IReadOnlyDictionary<string, string> ReadEnglish()
    {
        var assembly = typeof(MudLocalizer).Assembly;
        using var stream = assembly.GetManifestResourceStream(LanguageResource)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no resource {LanguageResource}");
        using var reader = new ResourceReader(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in reader)
        {
            texts.Add((string)entry.Key, entry.Value as string ?? "");
        }
        return texts;
    }

    [GeneratedRegex(@"\{(?<index>[0-9]+)(?:,-?[0-9]+)?(?::[^{}]*)?\}")]
    private static partial Regex Placeholder();

    private static SortedSet<int> Placeholders(string text) =>
        new(Placeholder().Matches(text).Select(m => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)));

    [Fact]
    public void MudBlazor_language_resource_is_found()
    {
        // Guards the tests below against passing on an empty key list (e.g. a renamed resource).
        Assert.True(English.Value.Count > 100, $"only {English.Value.Count} keys in {LanguageResource}");
        Assert.Equal("Close", English.Value["MudAlert_Close"]);
    }

    [Fact]
    public void Every_MudBlazor_key_has_a_Danish_text()
    {
        var problems = new List<string>();
        foreach (var (key, english) in English.Value.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!DanishMudLocalizer.Texts.TryGetValue(key, out var danish))
            {
                problems.Add($"{key}: missing (English: \"{english}\")");
            }
            else if (string.IsNullOrWhiteSpace(danish))
            {
                problems.Add($"{key}: empty");
            }
            else if (string.Equals(danish, english, StringComparison.Ordinal) != SameInDanish.Contains(key))
            {
                problems.Add(SameInDanish.Contains(key)
                    ? $"{key}: on the same-in-Danish list but \"{danish}\" differs from \"{english}\""
                    : $"{key}: \"{danish}\" is still the English text");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Danish_texts_have_no_keys_MudBlazor_lacks()
    {
        Assert.All(DanishMudLocalizer.Texts.Keys, key => Assert.True(English.Value.ContainsKey(key), $"{key} is not a MudBlazor key"));
        Assert.All(SameInDanish, key => Assert.True(English.Value.ContainsKey(key), $"{key} is not a MudBlazor key"));
    }

    [Fact]
    public void Danish_texts_have_the_English_placeholders()
    {
        var problems = new List<string>();
        foreach (var (key, english) in English.Value)
        {
            if (!DanishMudLocalizer.Texts.TryGetValue(key, out var danish))
            {
                continue; // reported by Every_MudBlazor_key_has_a_Danish_text
            }
            var expected = Placeholders(english);
            var actual = Placeholders(danish);
            if (!expected.SetEquals(actual))
            {
                problems.Add($"{key}: English {{{string.Join(",", expected)}}}, Danish {{{string.Join(",", actual)}}}");
            }
            // Anything brace-like left over would be a named placeholder, which string.Format cannot fill.
            var rest = Placeholder().Replace(danish, "");
            if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
            {
                problems.Add($"{key}: stray brace in \"{danish}\"");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Danish_texts_with_placeholders_format_with_sample_arguments()
    {
        var localizer = new DanishMudLocalizer();
        var checkedTexts = 0;
        foreach (var (key, danish) in DanishMudLocalizer.Texts)
        {
            var indices = Placeholders(danish);
            if (indices.Count == 0)
            {
                continue;
            }
            var arguments = Enumerable.Range(0, indices.Max + 1).Select(i => (object)("arg" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

            var formatted = string.Format(Danish, danish, arguments);
            foreach (var index in indices)
            {
                Assert.Contains("arg" + index.ToString(CultureInfo.InvariantCulture), formatted, StringComparison.Ordinal);
            }
            // The way MudBlazor calls it: MudLocalizer's indexer with arguments formats our text.
            var viaLocalizer = localizer[key, arguments];
            Assert.False(viaLocalizer.ResourceNotFound, key);
            Assert.Equal(formatted, viaLocalizer.Value);
            checkedTexts++;
        }
        Assert.True(checkedTexts > 0);
        Assert.Equal("1-25 af 77", localizer["MudDataGridPager_InfoFormat", 1, 25, 77].Value);
    }

    [Fact]
    public void Unknown_key_falls_back_to_MudBlazor()
    {
        var text = new DanishMudLocalizer()["No_Such_Key"];
        Assert.True(text.ResourceNotFound);
        Assert.Equal("No_Such_Key", text.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Registered_localizer_is_used_by_MudBlazor_whatever_the_order(bool mudServicesFirst)
    {
        var services = new ServiceCollection().AddLogging();
        if (mudServicesFirst)
        {
            services.AddMudServices().AddDanishMudLocalizer();
        }
        else
        {
            services.AddDanishMudLocalizer().AddMudServices();
        }

        var registration = Assert.Single(services, d => d.ServiceType == typeof(MudLocalizer));
        Assert.Equal(typeof(DanishMudLocalizer), registration.ImplementationType);
        Assert.Equal(ServiceLifetime.Transient, registration.Lifetime);

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var interceptor = scope.ServiceProvider.GetRequiredService<ILocalizationInterceptor>();
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Danish;
            Assert.Equal("Luk", interceptor.Handle("MudAlert_Close").Value);
            Assert.Equal("1-10 af 42", interceptor.Handle("MudDataGridPager_InfoFormat", 1, 10, 42).Value);
            Assert.Equal("Næste side", interceptor.Handle("MudDataGridPager_NextPage").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
