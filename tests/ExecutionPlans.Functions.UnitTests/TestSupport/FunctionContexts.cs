using Microsoft.Azure.Functions.Worker;
using Moq;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>Mocked <see cref="FunctionContext"/>s of activity invocations.</summary>
internal static class FunctionContexts
{
    /// <summary>A context whose binding data carries the orchestration's instance id, as the Durable extension's does.</summary>
    public static Mock<FunctionContext> ForInstance(string? instanceId)
    {
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (instanceId is not null)
        {
            bindingData["instanceId"] = instanceId;
        }

        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(bindingData);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.InvocationId).Returns("invocation-1");
        return context;
    }
}
