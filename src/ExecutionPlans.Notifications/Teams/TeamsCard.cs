using System.Globalization;
using System.Text.Json.Nodes;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Notifications.Teams;

/// <summary>
/// Builds the Teams message: an Adaptive Card 1.5 in the message envelope that both Teams Workflows webhooks and
/// Incoming Webhooks accept. Plan text goes into <c>TextRun</c>s (which render no Markdown) and through
/// <see cref="CardText.Plain"/> as well; the card stays well under the webhooks' size limit. Each step says what it
/// runs after and where its referenced values come from (<see cref="NotificationGraph"/>).
/// </summary>
internal static class TeamsCard
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";
    public const int MaxStepsShown = 20;
    private const int MaxDescriptionChars = 2000;
    private const int MaxStepTextChars = 400;
    private const int MaxParametersChars = 300;
    private const int MaxRunsAfterChars = 200;
    private const int MaxSourcesChars = 400;
    private const int MaxValueChars = 100;
    private const int MaxErrorChars = 1000;
    private const int MaxMessageChars = 4000;

    /// <summary>The message to post: the card in the webhook envelope.</summary>
    public static JsonObject Message(ApprovalNotification notification, ReviewLinks? links) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["contentUrl"] = null,
            ["content"] = Card(notification, links),
        }),
    };

    /// <summary>The Adaptive Card.</summary>
    public static JsonObject Card(ApprovalNotification notification, ReviewLinks? links)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = NotificationText.Title(notification.Kind),
                ["size"] = "Medium",
                ["weight"] = "Bolder",
                ["wrap"] = true,
                ["style"] = "heading",
            },
            Text(string.IsNullOrWhiteSpace(notification.Description) ? "(no description)" : notification.Description, MaxDescriptionChars),
        };
        if (notification.Message is { } message)
        {
            // The plan's words come first, as plain text: a text run renders no markdown.
            body.Insert(1, Text(message, MaxMessageChars));
        }
        var actions = new JsonArray();
        if (notification.AsksForDecision)
        {
            body.Add(Facts(notification, includeStatus: false));
            AddSteps(body, notification, followUp: false);
        }
        else
        {
            body.Add(Facts(notification, includeStatus: true));
            if (!string.IsNullOrWhiteSpace(notification.Error))
            {
                body.Add(Text($"Error: {notification.Error}", MaxErrorChars, color: "Attention"));
            }

            AddSteps(body, notification, followUp: true);
            if ((NotificationText.Recovery(notification) ?? NotificationText.Checkpoint(notification)) is { } next)
            {
                body.Add(Text(next, MaxErrorChars));
            }
        }

        foreach (var decision in links?.Decisions ?? [])
        {
            actions.Add(OpenUrl(decision.Label, decision.Url, decision.GoesAhead ? "positive" : decision.Ends ? "destructive" : null));
        }

        if (links is not null)
        {
            actions.Add(OpenUrl(links.Decide ? "Review" : "Open plan", links.Review, null));
        }

        var card = new JsonObject
        {
            ["$schema"] = Schema,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    private static JsonObject Facts(ApprovalNotification notification, bool includeStatus)
    {
        var facts = new JsonArray
        {
            Fact("Plan", notification.PlanId),
            Fact("Version", notification.Version.ToString(CultureInfo.InvariantCulture)),
        };
        if (includeStatus)
        {
            facts.Add(Fact("Status", NotificationText.Status(notification.Status)));
        }

        foreach (var (name, value) in NotificationText.PolicyFacts(notification))
        {
            facts.Add(Fact(name, value));
        }

        facts.Add(Fact("Requested by", string.IsNullOrWhiteSpace(notification.RequestedBy) ? "unknown" : notification.RequestedBy));
        if ((notification.AsksForDecision || notification.AsksForStep) && notification.ExpiresAt is { } expiresAt)
        {
            facts.Add(Fact("Expires", NotificationText.Time(expiresAt)));
        }

        if (notification.OffersRecovery && notification.RecoverableUntil is { } until)
        {
            facts.Add(Fact("Recoverable until", NotificationText.Time(until)));
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = facts };
    }

    private static void AddSteps(JsonArray body, ApprovalNotification notification, bool followUp)
    {
        var steps = notification.Steps;
        body.Add(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = steps.Count == 1 ? "1 step" : $"{steps.Count} steps",
            ["weight"] = "Bolder",
            ["wrap"] = true,
            ["spacing"] = "Medium",
        });
        var graph = NotificationGraph.Of(steps);
        foreach (var (step, index) in steps.Take(MaxStepsShown).Select((s, i) => (s, i)))
        {
            var inlines = new JsonArray
            {
                Run(string.Join(" · ", [$"{index + 1}. {NotificationText.OneLine(step.Id)}", NotificationText.OneLine(step.ToolName), .. NotificationText.Marks(step)]), 200, bold: true),
            };
            if (followUp)
            {
                inlines.Add(Run($" — {NotificationText.Status(notification, step)}", 60));
            }

            if (!string.IsNullOrWhiteSpace(step.Description))
            {
                inlines.Add(Run("\n" + NotificationText.OneLine(step.Description), MaxStepTextChars));
            }

            inlines.Add(Run("\nRuns after: " + graph.RunsAfter(index), MaxRunsAfterChars, subtle: true));
            if (!followUp && step.Parameters.Count > 0)
            {
                inlines.Add(Run("\n" + NotificationText.Parameters(step.Parameters, MaxParametersChars), MaxParametersChars, subtle: true, monospace: true));
            }

            if (NotificationText.RunsWith(notification, step, MaxParametersChars) is { } runsWith)
            {
                inlines.Add(Run("\nRuns with: " + runsWith, MaxParametersChars, monospace: true));
            }

            var sources = graph.Sources(index, withValues: followUp, MaxValueChars);
            if (sources.Count > 0)
            {
                inlines.Add(Run("\n" + string.Join("\n", sources), MaxSourcesChars, subtle: true, monospace: true));
            }

            if (followUp && step.Error is { Length: > 0 } error)
            {
                inlines.Add(Run("\n" + NotificationText.OneLine($"Error: {error}"), MaxParametersChars, subtle: true));
            }

            body.Add(new JsonObject { ["type"] = "RichTextBlock", ["spacing"] = "Small", ["inlines"] = inlines });
        }

        if (steps.Count > MaxStepsShown)
        {
            body.Add(Text($"and {steps.Count - MaxStepsShown} more steps: open the plan to see them all.", 100, subtle: true));
        }
    }

    private static JsonObject Fact(string title, string value) => new()
    {
        ["title"] = title,
        ["value"] = CardText.Plain(NotificationText.OneLine(value), 200),
    };

    private static JsonObject Text(string text, int maxChars, string? color = null, bool subtle = false)
    {
        var run = Run(text, maxChars, subtle: subtle);
        if (color is not null)
        {
            run["color"] = color;
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
    }

    private static JsonObject Run(string text, int maxChars, bool bold = false, bool subtle = false, bool monospace = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = CardText.Plain(text, maxChars) };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (monospace)
        {
            run["fontType"] = "Monospace";
        }

        return run;
    }

    private static JsonObject OpenUrl(string title, Uri url, string? style)
    {
        var action = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
