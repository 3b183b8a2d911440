using ExecutionPlans.Notifications.Teams;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("**bold**", "**")]
    [InlineData("[click](https://evil.example)", "](")]
    [InlineData("see https://evil.example now", "://")]
    [InlineData("visit www.evil.example", "www.")]
    [InlineData("<b>html</b>", "<b")]
    [InlineData("&lt;entity", "&lt;")]
    [InlineData("`code`", "`c")]
    [InlineData("line\n- item", "\n-")]
    [InlineData("line\n12. item", "\n12")]
    public void Plain_MarkdownOrLink_IsBrokenUpButReadsTheSame(string text, string forbidden)
    {
        var plain = CardText.Plain(text, 1000);

        Assert.DoesNotContain(forbidden, plain, StringComparison.Ordinal);
        Assert.Equal(text, plain.Replace(CardText.Breaker.ToString(), string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_ControlCharactersAndDirectionOverrides_AreDropped()
    {
        var plain = CardText.Plain("a\u0007b\u202Ec\td\r\ne", 1000);

        Assert.Equal("abc d\ne", plain);
    }

    [Fact]
    public void Plain_LongText_IsCutWithAnEllipsis()
    {
        var plain = CardText.Plain(new string('a', 50), 10);

        Assert.Equal(new string('a', 9) + "…", plain);
    }

    [Fact]
    public void Plain_OrdinaryText_IsUnchanged()
    {
        var plain = CardText.Plain("Restart the API pods, then check health.", 1000);

        Assert.Equal("Restart the API pods, then check health.", plain);
    }
}
