using System.Net.Http.Headers;
using System.Text;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Notifications.Teams;

/// <summary>
/// Posts an Adaptive Card to a Teams Workflows or Incoming Webhook: a request to decide with Approve, Reject and
/// Review buttons (signed links issued to <see cref="TeamsNotificationOptions.Approver"/>), or a short follow-up
/// when the plan ends. A webhook that fails or cannot be reached throws <see cref="NotificationException"/>.
/// </summary>
internal sealed partial class TeamsNotificationChannel(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsNotificationOptions> options,
    NotificationLinks links,
    ILogger<TeamsNotificationChannel> logger) : INotificationChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "teams";

    /// <summary>The name of the <see cref="HttpClient"/> the channel posts with.</summary>
    public const string HttpClientName = "ExecutionPlans.Notifications.Teams";

    /// <summary>How long the webhook may take to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const int MaxExcerptChars = 300;

    public string Name => ChannelName;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<NotificationDelivery> SendAsync(ApprovalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        var webhook = settings.WebhookUrl
            ?? throw new NotificationException("Teams notifications are off: set Notifications:Teams:WebhookUrl to a Teams Workflows or Incoming Webhook URL.");
        var reviewLinks = links.For(notification, settings.Approver, ChannelName);
        var card = NotificationText.Title(notification.Kind);

        // The webhook URL carries its own secret, so messages name only its host.
        var host = webhook.Host;
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var content = new StringContent(TeamsCard.Message(notification, reviewLinks).ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(webhook, content, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new NotificationException(
                $"Could not post the '{card}' card for plan {notification.PlanId} to the Teams webhook at {host}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationException(
                $"The Teams webhook at {host} did not answer the '{card}' card for plan {notification.PlanId} within {client.Timeout.TotalSeconds:0} s.", exception);
        }

        using (response)
        {
            var excerpt = await ReadExcerptAsync(response.Content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationException(
                    $"The Teams webhook at {host} answered {(int)response.StatusCode} {response.ReasonPhrase} to the '{card}' card for plan {notification.PlanId}: {Describe(excerpt)}");
            }

            // An Incoming Webhook reports some failures (a card too large, a removed connector) as 200 with this text.
            if (excerpt.StartsWith("Webhook message delivery failed", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotificationException($"The Teams webhook at {host} did not deliver the '{card}' card for plan {notification.PlanId}: {excerpt}");
            }
        }

        LogPosted(logger, card, notification.PlanId, notification.Version, host);
        return new NotificationDelivery
        {
            Channel = ChannelName,
            Sent = 1,
            Recipients = [host],
            Detail = reviewLinks is null
                ? $"Posted the '{card}' card for plan {notification.PlanId} v{notification.Version} to the Teams webhook at {host}."
                : $"Posted the '{card}' card for plan {notification.PlanId} v{notification.Version} to the Teams webhook at {host}, with links issued to {settings.Approver}.",
        };
    }

    private static async Task<string> ReadExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxExcerptChars * 4];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return NotificationText.Cut(NotificationText.OneLine(new string(buffer, 0, read)), MaxExcerptChars);
    }

    private static string Describe(string excerpt) => excerpt.Length == 0 ? "(empty body)" : excerpt;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Posted the '{Card}' card for plan {PlanId} v{Version} to the Teams webhook at {Host}")]
    private static partial void LogPosted(ILogger logger, string card, string planId, int version, string host);
}
