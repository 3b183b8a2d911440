using ExecutionPlans.Server.IntegrationTests.PlansApi;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.Approvals;

/// <summary>
/// A server with the README's example policy (reads run, writes need one approver, destructive steps need two and
/// a checkpoint), escalation to <see cref="Lead"/> after <see cref="EscalateAfter"/>, an operator, a Teams channel
/// posting to a local receiver, and callers named by App Service's header.
/// </summary>
public abstract class PolicyServerFixture : ServerFixture
{
    /// <summary>Who joins a plan's approvers when nobody decided in time.</summary>
    public const string Lead = "lead";

    /// <summary>Who may read other approvers' inboxes.</summary>
    public const string Operator = "ops";

    /// <summary>How long a version waits before escalation: long enough for the tests that decide at once.</summary>
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromSeconds(6);

    internal WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }

    private protected override async Task<ServerSettings> ConfigureAsync(ServerSettings settings)
    {
        Receiver = await WebhookReceiver.StartAsync();
        return (settings with { PublicBaseUrlIsSelf = true })
            .With("Approvals__TrustAppServiceAuthentication", "true")
            .With("Approvals__SigningKey", "policy-tests-signing-key-0123456789abcdef")
            .With("Approvals__Policy__Read__RequiredApprovals", "0")
            .With("Approvals__Policy__Write__RequiredApprovals", "1")
            .With("Approvals__Policy__Destructive__RequiredApprovals", "2")
            .With("Approvals__Policy__Destructive__Checkpoint", "true")
            .With("Approvals__EscalateAfter", $"PT{EscalateAfter.TotalSeconds:0}S")
            .With("Approvals__EscalationApprovers__0", Lead)
            .With("Approvals__Operators__0", Operator)
            .With("Notifications__Teams__WebhookUrl", Receiver.WebhookUrl.ToString());
    }
}

/// <summary>The policy server in memory.</summary>
public sealed class InMemoryPolicyServerFixture : PolicyServerFixture
{
    internal override ServerEngine Engine => ServerEngine.InMemory;
}

/// <summary>The policy server on Azure Storage (Azurite), with a task hub of its own.</summary>
public sealed class AzureStoragePolicyServerFixture : PolicyServerFixture
{
    internal override ServerEngine Engine => ServerEngine.AzureStorage;
}
