namespace ExecutionPlans.UnitTests.Planning;

public partial class ExecutionPlanGeneratorTests
{
    private const string GraphPlan =
        """{"description":"Echo then repeat","steps":[{"id":"s1","toolName":"zeta_echo","description":"Echo","input":"3","dependsOn":[],"parameters":{"text":"{\"count\": 3}"}},{"id":"s2","toolName":"repeat","description":"Repeat","input":"as often as s1 says","dependsOn":["s1"],"parameters":{"name":"Ada","count":"{{steps.s1.output.count}}"}}]}""";

    private const string ReferenceToLaterStepPlan =
        """{"description":"d","steps":[{"id":"s1","toolName":"repeat","description":"d","input":"i","dependsOn":[],"parameters":{"name":"{{steps.s2.output}}","count":1}},{"id":"s2","toolName":"zeta_echo","description":"d","input":"i","dependsOn":[],"parameters":{"text":"x"}}]}""";

    [Fact]
    public async Task GenerateExecutionPlanAsync_PromptAndSchema_TeachDependenciesAndReferences()
    {
        Answers(GraphPlan);

        await CreateGenerator().GenerateExecutionPlanAsync("Repeat Ada as often as the echo says");

        var system = calls[0].Messages[0].Text;
        Assert.Contains("\"dependsOn\"", system, StringComparison.Ordinal);
        Assert.Contains("{{steps.s1.output.items[0].name}}", system, StringComparison.Ordinal);
        var schema = System.Text.Json.JsonSerializer.Serialize(((Microsoft.Extensions.AI.ChatResponseFormatJson)calls[0].Options!.ResponseFormat!).Schema);
        Assert.Contains("dependsOn", schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_GraphAnswer_KeepsDependenciesAndReferences()
    {
        Answers(GraphPlan);

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Repeat Ada as often as the echo says");

        Assert.Equal([], plan.Steps[0].DependsOn!);
        Assert.Equal(["s1"], plan.Steps[1].DependsOn!);
        Assert.Equal("{{steps.s1.output.count}}", plan.Steps[1].Parameters["count"]!.GetValue<string>());
        Assert.Single(calls);
    }

    [Fact]
    public async Task GenerateExecutionPlanAsync_ReferenceToAStepThatIsNotADependency_IsRepairedWithTheError()
    {
        Answers(ReferenceToLaterStepPlan, GraphPlan);

        var plan = await CreateGenerator().GenerateExecutionPlanAsync("Repeat Ada");

        Assert.Equal(2, calls.Count);
        var repair = calls[1].Messages[^1].Text;
        Assert.Contains("does not depend on", repair, StringComparison.Ordinal);
        Assert.Equal(2, plan.Steps.Count);
    }
}
