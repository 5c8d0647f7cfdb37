using System.Text;
using LocalCloud.EventBridge.Patterns;

namespace LocalCloud.Tests.EventBridge.Patterns;

public sealed class ValueParsingTests
{
    [Theory]
    [InlineData("5", 5_000_000L)]
    [InlineData("5.0", 5_000_000L)]
    [InlineData("5e0", 5_000_000L)]
    [InlineData("3.018e2", 301_800_000L)]
    [InlineData("-0.5", -500_000L)]
    [InlineData("0.000001", 1L)]
    [InlineData("10e-7", 1L)]
    [InlineData("-0", 0L)]
    [InlineData("0.0000000", 0L)]
    [InlineData("5000000000", 5_000_000_000_000_000L)]
    [InlineData("-5e9", -5_000_000_000_000_000L)]
    [InlineData("1.50000000000000000000000", 1_500_000L)]
    public void ComparableNumber_ReadsExactly(string token, long millionths)
    {
        Assert.True(ComparableNumber.TryParse(Encoding.UTF8.GetBytes(token), out var value));
        Assert.Equal(millionths, value);
    }

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("5000000000.000001")]
    [InlineData("6e9")]
    [InlineData("123456789012")]
    [InlineData("1e400")]
    [InlineData("12345678901234567890123")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1e")]
    public void ComparableNumber_RefusesWhatItCannotCompare(string token) =>
        Assert.False(ComparableNumber.TryParse(Encoding.UTF8.GetBytes(token), out _));

    [Theory]
    [InlineData(5_000_000L, "5")]
    [InlineData(-500_000L, "-0.5")]
    [InlineData(301_800_000L, "301.8")]
    [InlineData(1L, "0.000001")]
    public void ComparableNumber_Formats(long millionths, string text) => Assert.Equal(text, ComparableNumber.Format(millionths));

    [Theory]
    [InlineData("a*b", "ab", true)]
    [InlineData("a*b", "axxb", true)]
    [InlineData("a*b", "axxbc", false)]
    [InlineData("*a*a*", "aa", true)]
    [InlineData("*a*a*", "a", false)]
    [InlineData("a*ba*b", "abab", true)]
    [InlineData("a*ba*b", "abaab", true)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("x", "x", true)]
    [InlineData("x", "xx", false)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\\\*", "\\anything", true)]
    public void Wildcard_Matches(string pattern, string value, bool expected)
    {
        Assert.True(WildcardPattern.TryParse(pattern, out var wildcard, out _));
        Assert.Equal(expected, wildcard.IsMatch(Encoding.UTF8.GetBytes(value)));
    }

    [Theory]
    [InlineData("10.0.0.0/24", false, "10.0.0.0", "10.0.0.255")]
    [InlineData("10.0.0.5/24", false, "10.0.0.5", "10.0.0.255")]
    [InlineData("0.0.0.0/0", false, "0.0.0.0", "255.255.255.255")]
    [InlineData("2001:db8::/32", true, "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::/0", true, "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Cidr_CoversItsBlock(string cidr, bool v6, string first, string last)
    {
        Assert.True(IpAddressRange.TryParseCidr(cidr, out var range, out _));
        Assert.True(IpAddresses.TryParse(Encoding.UTF8.GetBytes(first), out var low));
        Assert.True(IpAddresses.TryParse(Encoding.UTF8.GetBytes(last), out var high));

        Assert.Equal(v6, range.IsV6);
        Assert.Equal(low.Value, range.First);
        Assert.Equal(high.Value, range.Last);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1..2.3")]
    [InlineData("host.example.com")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("1:2")]
    [InlineData("")]
    public void IpAddress_RefusesOtherText(string text) => Assert.False(IpAddresses.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("abc", "ABC")]
    [InlineData("zürich", "ZÜRICH")]
    [InlineData("straße", "STRASSE")]
    public void CaseFolding_FoldsBothSidesAlike(string lower, string upper)
    {
        var a = CaseFolding.Fold(lower);
        var b = CaseFolding.Fold(upper);

        // Folding is per code point, so 'ß' does not become "SS": the pair only folds alike when it is one-to-one.
        Assert.Equal(lower.Length == upper.Length, a.AsSpan().SequenceEqual(b));
    }
}
