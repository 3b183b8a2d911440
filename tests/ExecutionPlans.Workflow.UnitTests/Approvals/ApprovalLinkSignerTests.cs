using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ExecutionPlans.Workflow.UnitTests.Approvals;

public class ApprovalLinkSignerTests
{
    private const string Key = "a-signing-key-of-at-least-thirty-two-bytes";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private ApprovalLinkSigner Signer(string? key = Key) =>
        new(Options.Create(new ApprovalOptions { SigningKey = key }), clock);

    [Fact]
    public void Check_TokenItSigned_IsValidAndCarriesTheLink()
    {
        var expires = clock.GetUtcNow().AddHours(1);
        var token = Signer().Sign("plan-1", 2, "alice@example.com", expires);

        var check = Signer().Check(token, out var link);

        Assert.Equal(ApprovalLinkCheck.Valid, check);
        Assert.Equal(("plan-1", 2, "alice@example.com", expires), (link!.PlanId, link.Version, link.Approver, link.ExpiresAt));
        Assert.StartsWith("link:", link.DecisionId, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TokenBoundToHashAndStep_CarriesBoth()
    {
        var hash = new string('a', 64);
        var token = Signer().Sign("plan-1", 2, "alice", clock.GetUtcNow().AddHours(1), hash, "s3");

        var check = Signer().Check(token, out var link);

        Assert.Equal(ApprovalLinkCheck.Valid, check);
        Assert.Equal((hash, "s3"), (link!.PlanHash, link.StepId));
    }

    [Fact]
    public void Check_TokenSignedBeforeLinksCarriedHashOrStep_IsValidAndBindsToNeither()
    {
        // The payload exactly as links were signed before plans had hashes and checkpoints.
        var payload = Encoding.UTF8.GetBytes("""{"p":"plan-1","v":1,"a":"alice","e":"2026-11-25T13:00:00+00:00","n":"0123456789abcdef01234567"}""");
        var token = $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), payload))}";

        var check = Signer().Check(token, out var link);

        Assert.Equal(ApprovalLinkCheck.Valid, check);
        Assert.Equal(("plan-1", 1, "alice"), (link!.PlanId, link.Version, link.Approver));
        Assert.Null(link.PlanHash);
        Assert.Null(link.StepId);
    }

    [Fact]
    public void Check_StepChangedInTheToken_IsInvalid()
    {
        var token = Signer().Sign("plan-1", 1, "alice", clock.GetUtcNow().AddHours(1), planHash: null, stepId: "s1");
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))));
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("\"s1\"", "\"s2\"", StringComparison.Ordinal))) + token[token.IndexOf('.', StringComparison.Ordinal)..];

        var check = Signer().Check(forged, out _);

        Assert.Contains("\"s\":\"s1\"", payload, StringComparison.Ordinal);
        Assert.Equal(ApprovalLinkCheck.Invalid, check);
    }

    [Fact]
    public void Sign_TwoLinksForTheSameVersion_HaveDifferentDecisionIds()
    {
        var expires = clock.GetUtcNow().AddHours(1);
        Signer().Check(Signer().Sign("plan-1", 1, "alice", expires), out var first);
        Signer().Check(Signer().Sign("plan-1", 1, "alice", expires), out var second);

        Assert.NotEqual(first!.DecisionId, second!.DecisionId);
    }

    [Fact]
    public void Check_AfterExpiry_IsExpiredButAuthentic()
    {
        var token = Signer().Sign("plan-1", 1, "alice", clock.GetUtcNow().AddMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(5));

        var check = Signer().Check(token, out var link);

        Assert.Equal(ApprovalLinkCheck.Expired, check);
        Assert.Equal("plan-1", link!.PlanId);
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("signature")]
    public void Check_TamperedToken_IsInvalid(string part)
    {
        var token = Signer().Sign("plan-1", 1, "alice", clock.GetUtcNow().AddHours(1));
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var index = part == "payload" ? 3 : dot + 3;
        var tampered = string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));

        var check = Signer().Check(tampered, out var link);

        Assert.Equal(ApprovalLinkCheck.Invalid, check);
        Assert.Null(link);
    }

    [Fact]
    public void Check_TokenSignedWithAnotherKey_IsInvalid()
    {
        var token = Signer("another-signing-key-of-at-least-32-bytes").Sign("plan-1", 1, "alice", clock.GetUtcNow().AddHours(1));

        Assert.Equal(ApprovalLinkCheck.Invalid, Signer().Check(token, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("!!!.???")]
    public void Check_Garbage_IsInvalid(string? token) => Assert.Equal(ApprovalLinkCheck.Invalid, Signer().Check(token, out _));

    [Fact]
    public void Sign_NoKeyConfigured_FailsNamingTheSetting()
    {
        var signer = Signer(key: null);

        var error = Assert.Throws<InvalidOperationException>(() => signer.Sign("plan-1", 1, "alice", clock.GetUtcNow().AddHours(1)));

        Assert.False(signer.IsConfigured);
        Assert.Contains("Approvals:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("exactly-thirty-two-bytes-long!!!", true)]
    [InlineData("MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=", true)]
    public void TryReadSigningKey_TextOrBase64_NeedsThirtyTwoBytes(string key, bool usable) =>
        Assert.Equal(usable, ApprovalOptions.TryReadSigningKey(key, out _));
}
