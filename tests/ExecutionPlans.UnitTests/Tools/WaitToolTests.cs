using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using Microsoft.Extensions.Time.Testing;

namespace ExecutionPlans.UnitTests.Tools;

public sealed class WaitToolTests
{
    [Theory]
    [InlineData("PT10M", "waited 10 minutes")]
    [InlineData("PT1H30M", "waited 1 hour 30 minutes")]
    [InlineData("PT1S", "waited 1 second")]
    [InlineData("PT0.5S", "waited 0.5 seconds")]
    [InlineData("P1DT2S", "waited 1 day 2 seconds")]
    public async Task ExecuteAsync_Duration_EndsWhenTheClockHasMovedThatFar(string duration, string expected)
    {
        // Arrange
        var time = new FakeTimeProvider();
        var tool = new WaitTool(time);
        Assert.True(Durations.TryParse(duration, out var length));

        // Act
        var waiting = tool.ExecuteAsync(Parameters(duration), CancellationToken.None);
        time.Advance(length - TimeSpan.FromTicks(1));
        var endedEarly = waiting.IsCompleted;
        time.Advance(TimeSpan.FromTicks(1));

        // Assert
        Assert.False(endedEarly);
        Assert.Equal(expected, await waiting);
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_StopsWaiting()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        var waiting = new WaitTool(new FakeTimeProvider()).ExecuteAsync(Parameters("PT10M"), cancellation.Token);

        // Act
        await cancellation.CancelAsync();

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Theory]
    [InlineData("ten minutes", "The duration 'ten minutes' is not a positive ISO 8601 duration such as PT30S, PT10M or PT2H.")]
    [InlineData("PT0S", "The duration 'PT0S' is not a positive ISO 8601 duration such as PT30S, PT10M or PT2H.")]
    [InlineData("P8D", "The duration 'P8D' is longer than the longest wait, P7D (7 days).")]
    public void Validate_BadDuration_SaysWhy(string duration, string expected)
    {
        var errors = new WaitTool(TimeProvider.System).Validate(Parameters(duration));

        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Validate_DurationFromAnEarlierStep_IsLeftForTheRun()
    {
        var errors = new WaitTool(TimeProvider.System).Validate(Parameters("{{steps.s1.output}}"));

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_InACatalog_RefusesTheStepBeforeApproval()
    {
        // Arrange
        var catalog = new ToolCatalog(new WaitTool(TimeProvider.System));
        var plan = new ExecutionPlan
        {
            Description = "Wait too long",
            Steps = [new ExecutionStep { Id = "w", ToolName = WaitTool.ToolName, Description = "Wait", Parameters = Parameters("P30D") }],
        };

        // Act
        var errors = catalog.Validate(plan);

        // Assert
        var error = Assert.Single(errors);
        Assert.Equal((PlanValidationCodes.ToolRefused, "w"), (error.Code, error.StepId));
        Assert.Equal(ToolRisk.Read, catalog.Tools.Single().Risk);
    }

    [Fact]
    public async Task ExecuteAsync_NoDuration_FailsWithAClearMessage()
    {
        var exception = await Assert.ThrowsAsync<ToolExecutionException>(
            () => new WaitTool(TimeProvider.System).ExecuteAsync([], CancellationToken.None));

        Assert.Equal("The wait needs a 'duration', an ISO 8601 duration such as PT10M.", exception.Message);
    }

    private static JsonObject Parameters(string duration) => new() { ["duration"] = duration };
}
