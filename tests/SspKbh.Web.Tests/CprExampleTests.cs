using System.Text.RegularExpressions;
using SspKbh.Domain.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Tests;

/// <summary>
/// The CPR examples the registration form gives must be numbers the app itself accepts for a young person SSP
/// works with: an example under the app's own century rule that meant 1912 sent users following it into a refusal.
/// </summary>
public sealed partial class CprExampleTests
{
    public static TheoryData<string> TextsWithAnExample() =>
        new(nameof(Texts.Case_CprHint), nameof(Texts.Case_Validation_CprInvalid), nameof(Texts.Case_Validation_CprBirthDateMismatch));

    [Theory]
    [MemberData(nameof(TextsWithAnExample))]
    public void Every_cpr_example_in_the_danish_texts_is_a_child_of_the_target_group(string key)
    {
        var text = Texts.ResourceManager.GetString(key, Texts.Culture)!;
        var examples = Example().Matches(text).Select(m => m.Value).ToList();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            Assert.True(CprNumber.TryParse(example, out var cpr), $"{key}: {example} is not a valid CPR number.");
            Assert.True(cpr.DateOfBirth.Year >= 2000, $"{key}: {example} means a person born {cpr.DateOfBirth:yyyy-MM-dd} under the century rule.");
        }
    }

    [Fact]
    public void The_hints_example_is_the_birth_date_it_names()
    {
        Assert.True(CprNumber.TryParse("010112-4123", out var cpr));
        Assert.Equal(new DateOnly(2012, 1, 1), cpr.DateOfBirth);
        Assert.Contains("1. januar 2012", Texts.Case_CprHint, StringComparison.Ordinal);
        Assert.True(CprNumber.TryParse("010112-1234", out var old));
        Assert.Equal(1912, old.DateOfBirth.Year);
    }

    [GeneratedRegex(@"\d{6}-\d{4}")]
    private static partial Regex Example();
}
