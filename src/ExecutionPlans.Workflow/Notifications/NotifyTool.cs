using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Workflow.Notifications;

/// <summary>
/// The built-in <c>notify</c> tool: a step posts a message (<c>{"message": "..."}</c>) to the plan's approvers through
/// the configured notification channels (Teams, email). The workflow sends it, as a <see cref="Contracts.NotificationKind.Message"/>
/// notification; a plan with such a step is refused before approval when no channel is configured.
/// </summary>
/// <param name="channels">The host's notification channels.</param>
public sealed class NotifyTool(IEnumerable<INotificationChannel> channels) : PlanTool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "notify";

    /// <summary>The longest message, in characters.</summary>
    public const int MaxMessageChars = 4000;

    /// <summary>Why a message cannot be sent when no channel is configured.</summary>
    public const string NoChannel =
        "No notification channel is configured, so a notify step cannot send its message: set Notifications:Teams:WebhookUrl, or Notifications:Email:SmtpHost and Notifications:Email:From.";

    private static readonly JsonElement Schema = JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new
        {
            message = new
            {
                type = "string",
                minLength = 1,
                maxLength = MaxMessageChars,
                description = "The message for the plan's approvers, as plain text.",
            },
        },
        required = new[] { "message" },
        additionalProperties = false,
    });

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description =>
        "Posts a message to the plan's approvers through the configured notification channels (Teams, email), for example to say what was done or what to check.";

    /// <inheritdoc />
    public override JsonElement ParametersSchema => Schema;

    /// <inheritdoc />
    public override ToolRisk Risk => ToolRisk.Write;

    /// <inheritdoc />
    public override IEnumerable<string> Validate(JsonObject parameters)
    {
        if (!channels.Any(channel => channel.IsConfigured))
        {
            yield return NoChannel;
        }
    }

    /// <inheritdoc />
    public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) =>
        throw new ToolExecutionException("A notify step is sent by the plan workflow, which knows the plan's approvers; it does not run on its own.");

    /// <summary>Reads a step's message: a text that is not blank, at most <see cref="MaxMessageChars"/> long.</summary>
    /// <param name="parameters">The step's parameters, references filled in.</param>
    /// <param name="message">The message, when valid.</param>
    /// <param name="error">Why the message is not valid, in a sentence.</param>
    /// <returns>Whether the message is valid.</returns>
    public static bool TryReadMessage(JsonObject parameters, out string message, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        message = parameters["message"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
        error = string.IsNullOrWhiteSpace(message) ? "The notify step needs a 'message', a text that is not blank."
            : message.Length > MaxMessageChars ? $"The message has {message.Length} characters; at most {MaxMessageChars} are sent."
            : null;
        return error is null;
    }
}
