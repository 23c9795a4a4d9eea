using System.Text;
using Xunit;

using SspKbh.Tests.Shared;

namespace SspKbh.E2E;

/// <summary>The test's own authenticator must be right, or the two-factor tests prove nothing.</summary>
public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890"; the 8-digit values' last 6 digits.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Matches_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal(expected, Totp.Code(key, Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
    }

    [Fact]
    public void Reads_the_key_as_the_app_shows_it_grouped_and_in_lower_case()
    {
        // "12345678901234567890" in base32 is GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
        Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), Totp.Base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
    }
}
