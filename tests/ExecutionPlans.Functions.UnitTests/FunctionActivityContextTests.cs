using ExecutionPlans.Workflow.Activities;

namespace ExecutionPlans.Functions.UnitTests;

public sealed class FunctionActivityContextTests
{
    [Fact]
    public void Constructor_NameAndInstanceId_AreExposedToTheActivity()
    {
        var context = new FunctionActivityContext("ExecuteStepActivity", "plan-1");

        Assert.Equal("ExecuteStepActivity", context.Name.Name);
        Assert.Equal("plan-1", context.InstanceId);
    }
}
