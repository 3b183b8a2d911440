using System.Text.Json.Nodes;
using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.UnitTests;

public sealed class TeamsCardTests
{
    [Fact]
    public void Card_DiamondRequest_EachStepShowsWhatItRunsAfterAndWhereItsValuesComeFrom()
    {
        var card = TeamsCard.Card(TestNotifications.Diamond(), links: null);

        Assert.Contains("\nRuns after: none (may start at once)", StepTexts(card, 1));
        Assert.Contains("\nRuns after: a", StepTexts(card, 2));
        Assert.Contains("\nbody ← a.output.json.items[0].name", StepTexts(card, 2));
        Assert.Contains("\nRuns after: a", StepTexts(card, 3));
        Assert.DoesNotContain(StepTexts(card, 3), text => text.Contains('←', StringComparison.Ordinal));
        Assert.Contains("\nRuns after: b, c", StepTexts(card, 4));
        Assert.Contains("\npod ← b.output.json.pod\nnote ← c.output", StepTexts(card, 4));
    }

    [Fact]
    public void Card_DiamondFollowUp_ShowsTheValuesTheStepsReceived()
    {
        var card = TeamsCard.Card(TestNotifications.Diamond(NotificationKind.Completed), links: null);

        Assert.Contains("\nRuns after: b, c", StepTexts(card, 4));
        Assert.Contains("\npod ← b.output.json.pod = api-1\nnote ← c.output = health was ok", StepTexts(card, 4));
        Assert.Contains("\nbody ← a.output.json.items[0].name = api-1", StepTexts(card, 2));
    }

    [Fact]
    public void Card_StepsWithoutDependsOn_RunOneAfterTheOther()
    {
        var card = TeamsCard.Card(TestNotifications.Request(), links: null);

        Assert.Contains("\nRuns after: none (may start at once)", StepTexts(card, 1));
        Assert.Contains("\nRuns after: s1", StepTexts(card, 2));
    }

    [Fact]
    public void Card_HtmlLookingStepIdAndParameterName_AreShownAsPlainText()
    {
        var notification = HostileGraph();

        var card = TeamsCard.Card(notification, links: null);

        var raw = StepTexts(card, 3, visible: false);
        Assert.DoesNotContain(raw, text => text.Contains("<b>", StringComparison.Ordinal) || text.Contains("<img", StringComparison.Ordinal));
        Assert.Contains("\nRuns after: s0, <b>s1</b>", StepTexts(card, 3));
        Assert.Contains("\n<img src=x onerror=alert(1)> ← s0.output.json.items[0].name", StepTexts(card, 3));
    }

    [Fact]
    public void Card_Message_ShowsTheTitleAndTheMessageAsPlainTextFirst()
    {
        var notification = TestNotifications.Diamond(NotificationKind.Completed) with { Kind = NotificationKind.Message, Message = "Deployed **v2**, check <b>it</b>" };

        var card = TeamsCard.Card(notification, links: null);

        var body = card["body"]!.AsArray();
        Assert.Equal("Message from a plan", body[0]!["text"]!.GetValue<string>());
        var shown = body[1]!["inlines"]![0]!["text"]!.GetValue<string>();
        Assert.Equal("RichTextBlock", body[1]!["type"]!.GetValue<string>());
        Assert.NotEqual("Deployed **v2**, check <b>it</b>", shown);
        Assert.Equal("Deployed **v2**, check <b>it</b>", shown.Replace("\u200B", string.Empty, StringComparison.Ordinal));
    }

    /// <summary>Step s0, a step whose id looks like HTML, and a step reading s0's output into a parameter whose name looks like HTML.</summary>
    internal static ApprovalNotification HostileGraph() => TestNotifications.Request() with
    {
        Steps =
        [
            new NotificationStep { Id = "s0", ToolName = "http_request" },
            new NotificationStep { Id = "<b>s1</b>", ToolName = "http_request" },
            new NotificationStep
            {
                Id = "s2",
                ToolName = "http_request",
                Parameters = new JsonObject { ["<img src=x onerror=alert(1)>"] = "{{steps.s0.output.json.items[0].name}}" },
            },
        ],
    };

    /// <summary>The texts of step <paramref name="number"/>'s block, by default with the zero-width breaks removed.</summary>
    private static List<string> StepTexts(JsonObject card, int number, bool visible = true)
    {
        var block = card["body"]!.AsArray()
            .Where(element => (string?)element!["type"] == "RichTextBlock")
            .Single(element => Visible((string)element!["inlines"]![0]!["text"]!).StartsWith($"{number}. ", StringComparison.Ordinal))!;
        return [.. block["inlines"]!.AsArray().Select(run => (string)run!["text"]!).Select(text => visible ? Visible(text) : text)];
    }

    private static string Visible(string text) => text.Replace(CardText.Breaker.ToString(), string.Empty, StringComparison.Ordinal);
}
