using ExecutionPlans.Notifications.Teams;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Reliability.Tests.Notifications;

/// <summary>
/// The Teams webhook URL is a secret (in its path for an Incoming Webhook, in its <c>sig</c> query for a Workflows
/// one): a server whose HTTP client logging is at Information, as an operator chasing a delivery problem sets it,
/// names the webhook's host in its logs and never the rest of the URL.
/// </summary>
public sealed class TeamsWebhookLoggingTests
{
    private const string SigningKey = "reliability-teams-logging-signing-key-0123456789";
    private const string PathSecret = "path-secret-4b1f9e27";
    private const string QuerySecret = "query-secret-8c3d5a61";

    // The HTTP client the channel posts with logs under System.Net.Http.HttpClient.<its name>.
    private const string HttpClientCategory = "System.Net.Http.HttpClient.ExecutionPlans.Notifications.Teams";

    [Fact]
    public async Task PostCard_HttpClientLoggingAtInformation_LogsTheWebhookHostButNoSecret()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = new Uri(receiver.BaseAddress, $"/webhook/IncomingWebhook/{PathSecret}?api-version=2016-06-01&sig={QuerySecret}");
        var settings = (ServerSettings.InMemory() with { PublicBaseUrlIsSelf = true })
            .With("Approvals__SigningKey", SigningKey)
            .With("Approvals__DefaultApprovers__0", TeamsNotificationOptions.DefaultApprover)
            .With("Notifications__Teams__WebhookUrl", webhook.ToString())
            .With("Logging__LogLevel__System.Net.Http.HttpClient", "Information");
        await using var server = await ServerProcess.StartAsync(settings);
        // The step never runs (the plan only waits for approval); it must not call the server itself, which is refused.
        var plan = TestPlans.HttpPlan("Rotate the storage keys", ("s1", new Uri(receiver.BaseAddress, "/keys/rotate").ToString()));

        // Act
        var created = await server.Api.CreateAsync(TestPlans.CreateRequest(plan));
        await receiver.WaitForPostAsync(_ => true, $"for plan {created.Id}");
        var output = await Poll.UntilAsync(
            () => server.Output.Contains($"card for plan {created.Id} v1 to the Teams webhook at {webhook.Host}", StringComparison.Ordinal) ? server.Output : null,
            limit => $"The server did not log the posted card within {limit.TotalSeconds:0} s. Output:\n{server.Output}");

        // Assert
        Assert.DoesNotContain(PathSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(QuerySecret, output, StringComparison.Ordinal);
        var httpLines = output.Split('\n').Where(line => line.Contains(HttpClientCategory, StringComparison.Ordinal)).ToList();
        Assert.Contains(httpLines, line => line.Contains($"Sending POST to the Teams webhook at {webhook.Host}", StringComparison.Ordinal));
        Assert.Contains(httpLines, line => line.Contains($"Teams webhook at {webhook.Host} answered 202", StringComparison.Ordinal));
    }
}
