using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Server.IntegrationTests.PlansApi;

/// <summary>Plans of 100 steps with long outputs: the API shows every step whole, on each engine.</summary>
public abstract partial class PlansApiTests
{
    [Fact]
    public async Task CreatePlan_HundredStepsWithLongAnswers_ShowsEveryOutputAndResolvedParameterWhole()
    {
        // Arrange: each step posts 2,000 characters and gets them back; the last one carries the first one's answer in.
        var scope = StepEndpoint.NewScope();
        var text = new string('z', 2_000);
        var steps = Enumerable.Range(1, 99)
            .Select(n => GraphStep($"s{n}", Steps.Url($"{scope}/s{n}?echo=1"), null, method: "POST", body: $"{n}:{text}"))
            .Append(GraphStep("last", Steps.Url($"{scope}/last?echo=1"), null, method: "POST", body: "{{steps.s1.output.json.echo}}"))
            .ToArray();

        // Act
        var created = await Api.CreateAsync(CreateGraphRequest(GraphPlan("A hundred long answers", steps)));
        var done = await Api.WaitForStatusAsync(created.Id, PlanStatus.Completed);
        var listed = await Api.GetViewAsync(created.Id);

        // Assert
        Assert.False(done.Truncated);
        Assert.Equal(100, done.Steps.Count);
        for (var n = 1; n <= 99; n++)
        {
            var output = JsonNode.Parse(done.Steps[n - 1].Output!)!;
            Assert.Equal($"{n}:{text}", output["json"]!["echo"]!.GetValue<string>());
            Assert.Equal($"{n}:{text}", done.Steps[n - 1].ResolvedParameters!["body"]!.GetValue<string>());
        }

        Assert.Equal($"1:{text}", Assert.Single(Steps.CallsTo($"{scope}/last")).Body);
        Assert.Equal($"1:{text}", done.Steps[^1].ResolvedParameters!["body"]!.GetValue<string>());
        Assert.Equal("{{steps.s1.output.json.echo}}", done.Steps[^1].Parameters["body"]!.GetValue<string>());
        Assert.Equal(done.Steps.Select(s => s.Output), listed.Steps.Select(s => s.Output));
        PlanAssert.Consistent(done);
    }
}
