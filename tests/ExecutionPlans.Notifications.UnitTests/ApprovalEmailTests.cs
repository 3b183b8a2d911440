using ExecutionPlans.Notifications.Email;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using MimeKit;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class ApprovalEmailTests
{
    private const string Monospace = "<span style=\"color:#555;font-family:Consolas,monospace;font-size:12px\">";
    private const string Plain = "<span style=\"color:#555\">";

    [Fact]
    public void Create_DiamondRequest_TextSaysWhatEachStepRunsAfterAndWhereItsValuesComeFrom()
    {
        var text = Text(TestNotifications.Diamond());

        Assert.Contains("1. a (http_request)\n   List the API pods\n   Runs after: none (may start at once)\n   Parameters: ", text, StringComparison.Ordinal);
        Assert.Contains("\n   Runs after: a\n   Parameters: method: POST; url: https://ops.contoso.test/drain; body: {{steps.a.output.json.items[0].name}}\n   body ← a.output.json.items[0].name\n3. c", text, StringComparison.Ordinal);
        Assert.Contains("3. c (http_request)\n   Read the pods' health\n   Runs after: a\n   Parameters: method: GET; url: https://ops.contoso.test/health\n4. d", text, StringComparison.Ordinal);
        Assert.Contains("   Runs after: b, c\n", text, StringComparison.Ordinal);
        Assert.Contains("\n   pod ← b.output.json.pod\n   note ← c.output\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DiamondRequest_HtmlSaysWhatEachStepRunsAfterAndWhereItsValuesComeFrom()
    {
        var html = Html(TestNotifications.Diamond());

        Assert.Contains($"{Plain}Runs after: none (may start at once)</span>", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, $"{Plain}Runs after: a</span>"));
        Assert.Contains($"{Monospace}body ← a.output.json.items[0].name</span>", html, StringComparison.Ordinal);
        Assert.Contains($"{Plain}Runs after: b, c</span>", html, StringComparison.Ordinal);
        Assert.Contains($"{Monospace}pod ← b.output.json.pod</span><br>{Monospace}note ← c.output</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DiamondFollowUp_BothPartsShowTheValuesTheStepsReceived()
    {
        var notification = TestNotifications.Diamond(NotificationKind.Completed);

        var (text, html) = (Text(notification), Html(notification));

        Assert.Contains("4. d (http_request): succeeded\n   Restart the drained pod\n   Runs after: b, c\n   pod ← b.output.json.pod = api-1\n   note ← c.output = health was ok\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Monospace}pod ← b.output.json.pod = api-1</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameters: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_StepsWithoutDependsOn_RunOneAfterTheOther()
    {
        var notification = TestNotifications.Request();

        var (text, html) = (Text(notification), Html(notification));

        Assert.Contains("1. s1 (http_request)\n   Restart the API pods\n   Runs after: none (may start at once)\n", text, StringComparison.Ordinal);
        Assert.Contains("2. s2 (http_request)\n   Check the API's health\n   Runs after: s1\n", text, StringComparison.Ordinal);
        Assert.Contains($"{Plain}Runs after: s1</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HtmlLookingStepIdAndParameterName_AreEncodedInTheHtmlPart()
    {
        var notification = TeamsCardTests.HostileGraph();

        var (text, html) = (Text(notification), Html(notification));

        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains($"{Plain}Runs after: s0, &lt;b&gt;s1&lt;/b&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains($"{Monospace}&lt;img src=x onerror=alert(1)&gt; ← s0.output.json.items[0].name</span>", html, StringComparison.Ordinal);
        Assert.Contains("   Runs after: s0, <b>s1</b>\n", text, StringComparison.Ordinal);
        Assert.Contains("   <img src=x onerror=alert(1)> ← s0.output.json.items[0].name\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Message_BothPartsCarryTheMessageAndTheHtmlPartEncodesIt()
    {
        var notification = TestNotifications.Diamond(NotificationKind.Completed) with { Kind = NotificationKind.Message, Message = "Deployed, check <b>it</b>" };

        var message = Create(notification);

        Assert.StartsWith("Message from a plan", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Message from a plan\n===================\n\nDeployed, check <b>it</b>\n", Text(notification), StringComparison.Ordinal);
        Assert.Contains("Deployed, check &lt;b&gt;it&lt;/b&gt;</p>", Html(notification), StringComparison.Ordinal);
    }

    private static MimeMessage Create(ApprovalNotification notification) =>
        ApprovalEmail.Create(notification, MailboxAddress.Parse("plans@contoso.test"), "alice@contoso.test", links: null);

    private static string Text(ApprovalNotification notification) => Create(notification).TextBody!.ReplaceLineEndings("\n");

    private static string Html(ApprovalNotification notification) => Create(notification).HtmlBody!;

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
