using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>
/// Issues and checks signed approval links: HMAC-SHA256 over the plan id, version, approver, expiry and a
/// nonce, with the key in <c>Approvals:SigningKey</c>. A link needs no function key, so it can travel by
/// email or Teams; it is only good for one person, one plan version, one decision, until it expires.
/// </summary>
public sealed class ApprovalLinkSigner
{
    private readonly byte[]? key;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the signer.</summary>
    /// <param name="options">Approval settings; <see cref="ApprovalOptions.SigningKey"/> must be set to sign or check links.</param>
    /// <param name="timeProvider">The clock links expire by.</param>
    public ApprovalLinkSigner(IOptions<ApprovalOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        key = ApprovalOptions.TryReadSigningKey(options.Value.SigningKey, out var bytes) ? bytes : null;
        this.timeProvider = timeProvider;
    }

    /// <summary>Whether a signing key is configured, so links can be issued.</summary>
    public bool IsConfigured => key is not null;

    /// <summary>Signs a link for one approver and one plan version.</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="version">The plan version.</param>
    /// <param name="approver">Who the link is for.</param>
    /// <param name="expiresAt">When the link stops working (the version's approval deadline).</param>
    /// <returns>The token to put in the link's <c>token</c> query parameter.</returns>
    public string Sign(string planId, int version, string approver, DateTimeOffset expiresAt) =>
        Sign(planId, version, approver, expiresAt, planHash: null, stepId: null);

    /// <summary>Signs a link for one approver and one plan version, bound to the version's hash and, for a checkpoint, to one step.</summary>
    /// <param name="planId">The plan.</param>
    /// <param name="version">The plan version.</param>
    /// <param name="approver">Who the link is for.</param>
    /// <param name="expiresAt">When the link stops working (the version's approval deadline, or the checkpoint's).</param>
    /// <param name="planHash">The version's hash, which a decision made with the link names; null to bind to the version only.</param>
    /// <param name="stepId">The step held at its checkpoint that the link decides on; null for a link that decides on the plan.</param>
    /// <returns>The token to put in the link's <c>token</c> query parameter.</returns>
    public string Sign(string planId, int version, string approver, DateTimeOffset expiresAt, string? planHash, string? stepId)
    {
        var signingKey = RequireKey();
        var link = new ApprovalLink(planId, version, approver, expiresAt, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant())
        {
            PlanHash = planHash,
            StepId = stepId,
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(link);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(signingKey, payload))}";
    }

    /// <summary>Checks a token and reads its link.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="link">The link, when the token is authentic (also when it has expired).</param>
    /// <returns>Whether the link is valid, invalid or expired.</returns>
    public ApprovalLinkCheck Check(string? token, out ApprovalLink? link)
    {
        var signingKey = RequireKey();
        link = null;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 4096)
        {
            return ApprovalLinkCheck.Invalid;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return ApprovalLinkCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(signingKey, payload), signature))
        {
            return ApprovalLinkCheck.Invalid;
        }

        link = JsonSerializer.Deserialize<ApprovalLink>(payload);
        if (link is null)
        {
            return ApprovalLinkCheck.Invalid;
        }

        return link.ExpiresAt <= timeProvider.GetUtcNow() ? ApprovalLinkCheck.Expired : ApprovalLinkCheck.Valid;
    }

    private byte[] RequireKey() => key ?? throw new InvalidOperationException(ApprovalOptions.SigningKeyMissingMessage);
}
