using System.ComponentModel.DataAnnotations;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>Approval settings, bound from the <c>Approvals</c> configuration section.</summary>
public sealed class ApprovalOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Approvals";

    /// <summary>
    /// How long a plan waits for a decision: an ISO 8601 duration (<c>P3D</c>, <c>PT30M</c>) or a
    /// TimeSpan (<c>3.00:00:00</c>). Default three days. A request's <c>approvalTimeout</c> overrides it.
    /// </summary>
    public string Timeout { get; set; } = "P3D";

    /// <summary>Who may decide on plans that name no approvers; empty means anyone allowed to call the API.</summary>
    public List<string> DefaultApprovers { get; set; } = [];

    /// <summary>Whether the person who requested a plan may approve it (default false).</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// How many approvals plans of each risk need, whether the requester counts, and which steps wait at a checkpoint
    /// (<c>Approvals:Policy:Destructive:RequiredApprovals</c>, <c>...:Checkpoint</c>, <c>...:AllowSelfApproval</c>).
    /// The default asks one approval of every plan and no checkpoint.
    /// </summary>
    public PlanApprovalPolicy Policy { get; set; } = new();

    /// <summary>
    /// How long a version waits for its first decision before <see cref="EscalationApprovers"/> are added and notified
    /// (ISO 8601, <c>PT4H</c>); absent: never.
    /// </summary>
    public string? EscalateAfter { get; set; }

    /// <summary>Who is added to a plan's approvers, and notified, when nobody decided within <see cref="EscalateAfter"/>.</summary>
    public List<string> EscalationApprovers { get; set; } = [];

    /// <summary><see cref="EscalateAfter"/>, parsed; null when escalation is off.</summary>
    public TimeSpan? EscalationDelay => EscalationApprovers.Any(a => !string.IsNullOrWhiteSpace(a)) && TryParseDuration(EscalateAfter, out var delay) ? delay : null;

    /// <summary>
    /// Who may read another approver's inbox (<c>GET /api/approvals?approver=</c>): callers named here. Anyone may read
    /// their own; an anonymous caller (where the host lets them in) may name anyone.
    /// </summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>The app's public base URL, used to build links in notifications.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The secret signed approval links are made with: at least 32 bytes, as base64 or as text. Required when
    /// a notification channel sends links; without it the review page and links are off.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Whether to read the caller's identity from App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c>
    /// headers. Only safe behind App Service authentication, which strips those headers from clients; by
    /// default it is trusted when App Service reports authentication on (<c>WEBSITE_AUTH_ENABLED</c>).
    /// </summary>
    public bool? TrustAppServiceAuthentication { get; set; }

    /// <summary>What a caller is told when links are needed and no signing key is set.</summary>
    public const string SigningKeyMissingMessage =
        "Approvals:SigningKey is not set. Set it to a secret of at least 32 bytes (base64, or text) to use signed approval links and the review page.";

    /// <summary>Reads a signing key: base64 of at least 32 bytes, else text of at least 32 UTF-8 bytes.</summary>
    /// <param name="text">The configured key.</param>
    /// <param name="key">The key bytes, when long enough.</param>
    /// <returns>Whether the key is usable.</returns>
    public static bool TryReadSigningKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        key = Convert.TryFromBase64String(text, buffer, out var written) && written >= 32
            ? buffer[..written]
            : System.Text.Encoding.UTF8.GetBytes(text);
        return key.Length >= 32;
    }

    /// <summary>The longest a plan may wait for approval (a year), in the settings and per request.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    /// <summary><see cref="Timeout"/>, parsed.</summary>
    public TimeSpan DefaultTimeout => TryParseDuration(Timeout, out var timeout) ? timeout : TimeSpan.FromDays(3);

    /// <summary>Parses an ISO 8601 duration or a TimeSpan.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The positive duration, when parsed.</param>
    /// <returns>Whether the text is a positive duration.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan duration) => Model.Durations.TryParse(text, out duration);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SigningKey) && !TryReadSigningKey(SigningKey, out _))
        {
            yield return new ValidationResult(
                "Approvals:SigningKey is too short: use at least 32 bytes (44 characters of base64, or 32 characters of text).",
                [nameof(SigningKey)]);
        }

        foreach (var risk in Enum.GetValues<Model.ToolRisk>())
        {
            var required = Policy.For(risk).RequiredApprovals;
            if (required is < 0 or > RiskApprovalPolicy.MaxRequiredApprovals)
            {
                yield return new ValidationResult(
                    $"Approvals:Policy:{risk}:RequiredApprovals is {required}; use 0 (runs without approval) to {RiskApprovalPolicy.MaxRequiredApprovals}.",
                    [nameof(Policy)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(EscalateAfter) && !TryParseDuration(EscalateAfter, out _))
        {
            yield return new ValidationResult(
                $"Approvals:EscalateAfter '{EscalateAfter}' is not a positive ISO 8601 duration (PT4H) or TimeSpan (04:00:00).",
                [nameof(EscalateAfter)]);
        }

        if (!string.IsNullOrWhiteSpace(EscalateAfter) && !EscalationApprovers.Any(a => !string.IsNullOrWhiteSpace(a)))
        {
            yield return new ValidationResult(
                "Approvals:EscalateAfter is set but Approvals:EscalationApprovers names nobody: set both, or neither.",
                [nameof(EscalationApprovers)]);
        }

        if (!TryParseDuration(Timeout, out var timeout))
        {
            yield return new ValidationResult(
                $"Approvals:Timeout '{Timeout}' is not a positive ISO 8601 duration (P3D, PT30M) or TimeSpan (3.00:00:00).",
                [nameof(Timeout)]);
        }
        else if (timeout > MaxTimeout)
        {
            yield return new ValidationResult($"Approvals:Timeout '{Timeout}' is longer than a year (P365D), the longest a plan may wait.", [nameof(Timeout)]);
        }
    }
}
