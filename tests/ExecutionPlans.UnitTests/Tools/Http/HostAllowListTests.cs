using ExecutionPlans.Tools.Http;

namespace ExecutionPlans.UnitTests.Tools.Http;

public class HostAllowListTests
{
    [Theory]
    [InlineData("http://api.example.com/x")]
    [InlineData("https://API.Example.COM:8443/other/path?q=1")]
    [InlineData("http://api.example.com./x")]
    public void IsAllowed_ListedHostAnyCaseSchemePortOrPath_ReturnsTrue(string url)
    {
        var list = new HostAllowList(["api.example.com"]);

        Assert.True(list.IsAllowed(new Uri(url)));
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://other.example.com/")]
    [InlineData("http://api.example.com.evil.test/")]
    [InlineData("http://evilapi.example.com/")]
    public void IsAllowed_OtherHost_ReturnsFalse(string url)
    {
        var list = new HostAllowList(["api.example.com"]);

        Assert.False(list.IsAllowed(new Uri(url)));
    }

    [Theory]
    [InlineData("http://a.example.com/", true)]
    [InlineData("http://A.B.Example.com/", true)]
    [InlineData("http://example.com/", false)]
    [InlineData("http://badexample.com/", false)]
    [InlineData("http://example.com.evil.test/", false)]
    public void IsAllowed_Wildcard_MatchesSubdomainsOnly(string url, bool expected)
    {
        var list = new HostAllowList(["*.example.com"]);

        Assert.Equal(expected, list.IsAllowed(new Uri(url)));
    }

    [Fact]
    public void IsAllowed_EmptyList_AllowsNothing()
    {
        var list = new HostAllowList([]);

        Assert.True(list.IsEmpty);
        Assert.False(list.IsAllowed(new Uri("http://localhost/")));
    }

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:5000/")]
    [InlineData("::1", "http://[::1]:5000/")]
    [InlineData("[::1]", "http://[::1]/")]
    [InlineData("bücher.example", "http://xn--bcher-kva.example/")]
    [InlineData("xn--bcher-kva.example", "http://bücher.example/")]
    public void IsAllowed_AddressesAndInternationalNames_Match(string entry, string url)
    {
        var list = new HostAllowList([entry]);

        Assert.True(list.IsAllowed(new Uri(url)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("https://api.example.com")]
    [InlineData("api.example.com:0")]
    [InlineData("api.example.com:65536")]
    [InlineData("api.example.com:port")]
    [InlineData(":8080")]
    [InlineData("api.example.com/path")]
    [InlineData("api.*.example.com")]
    [InlineData("**.example.com")]
    public void TryParseEntry_NotAHostName_ReturnsFalseWithExample(string entry)
    {
        var valid = HostAllowList.TryParseEntry(entry, out _, out _, out _, out var error);

        Assert.False(valid);
        Assert.Contains("'*.example.com'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/x", true)]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8081/x", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1:8081/x", true)]
    [InlineData("api.example.com:443", "https://api.example.com/x", true)]
    [InlineData("api.example.com:443", "http://api.example.com/x", false)]
    [InlineData("*.example.com:8443", "https://a.b.example.com:8443/x", true)]
    [InlineData("*.example.com:8443", "https://a.example.com/x", false)]
    [InlineData("[::1]:8080", "http://[::1]:8080/x", true)]
    [InlineData("[::1]:8080", "http://[::1]:9090/x", false)]
    [InlineData("::1", "http://[::1]:9090/x", true)]
    public void IsAllowed_EntryWithPort_AllowsThatPortOnly(string entry, string url, bool allowed)
    {
        var list = new HostAllowList([entry]);

        Assert.Equal(allowed, list.IsAllowed(new Uri(url)));
    }

    [Fact]
    public void Constructor_InvalidEntry_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new HostAllowList(["ok.example.com", "http://bad"]));
    }
}
