using ExecutionPlans.Workflow.Orchestration;

namespace ExecutionPlans.Workflow.UnitTests;

/// <summary>The workflow's room: it runs on the Durable Task abstractions alone, so any host can carry it.</summary>
public sealed class WorkflowAssemblyTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("MailKit")]
    [InlineData("MimeKit")]
    [InlineData("ExecutionPlans.Http")]
    [InlineData("ExecutionPlans.Notifications")]
    public void References_OfTheWorkflowAssembly_HaveNoWebMailOrHostParts(string prefix)
    {
        // Arrange
        var assembly = typeof(PlanOrchestrator).Assembly;

        // Act
        var references = assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        // Assert
        Assert.DoesNotContain(references, name => name.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains("Microsoft.DurableTask.Abstractions", references);
    }
}
