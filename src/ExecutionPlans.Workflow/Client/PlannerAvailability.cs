using ExecutionPlans.ModelClients;

namespace ExecutionPlans.Workflow.Client;

/// <summary>Whether a model is configured, so requests in natural language can be planned.</summary>
/// <param name="IsConfigured">True when a model client is configured.</param>
public sealed record PlannerAvailability(bool IsConfigured)
{
    /// <summary>What a caller is told when a request needs a model and none is configured.</summary>
    public const string NotConfiguredMessage =
        ChatClientFactory.NotConfiguredMessage + " Without a model, submit the plan itself as 'plan'.";
}
