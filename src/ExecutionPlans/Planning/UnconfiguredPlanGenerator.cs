using ExecutionPlans.Model;
using ExecutionPlans.ModelClients;

namespace ExecutionPlans.Planning;

/// <summary>
/// The generator registered when no model is configured: plans given as written still work, and anything
/// that needs the model fails with a message that names the settings to set.
/// </summary>
internal sealed class UnconfiguredPlanGenerator : IExecutionPlanGenerator
{
    public Task<ExecutionPlan> GenerateExecutionPlanAsync(string input, CancellationToken cancellationToken = default) =>
        throw new ModelConfigurationException(ChatClientFactory.NotConfiguredMessage);

    public Task<ExecutionPlan> ModifyExecutionPlanAsync(ExecutionPlan plan, string feedback, CancellationToken cancellationToken = default) =>
        throw new ModelConfigurationException(ChatClientFactory.NotConfiguredMessage);
}
