using System.Text.Json;
using ExecutionPlans.Model;

namespace ExecutionPlans.UnitTests.Model;

public sealed class StepRetryPolicyTests
{
    [Theory]
    [InlineData(2, 1_000)]
    [InlineData(3, 2_000)]
    [InlineData(4, 4_000)]
    [InlineData(9, 60_000)]
    public void DelayBefore_Attempt_BacksOffUpToTheLongestWait(int attempt, int milliseconds)
    {
        var policy = new StepRetryPolicy { MaxAttempts = 10, FirstDelay = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), policy.DelayBefore(attempt));
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(0.5, 1)]
    [InlineData(600, 60)]
    public void DelayBefore_TargetAsksToWait_WaitsThatLongUpToTheLongestWait(double retryAfterSeconds, double expectedSeconds)
    {
        var policy = new StepRetryPolicy();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayBefore(2, TimeSpan.FromSeconds(retryAfterSeconds)));
    }

    [Fact]
    public void Json_Durations_ReadEitherWayAndWriteIso8601()
    {
        var read = JsonSerializer.Deserialize<StepRetryPolicy>("""{"maxAttempts": 4, "firstDelay": "PT2S", "maxDelay": "00:00:30"}""")!;

        var written = JsonSerializer.Serialize(read);

        Assert.Equal((4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)), (read.MaxAttempts, read.FirstDelay, read.MaxDelay));
        Assert.Contains("\"firstDelay\":\"PT2S\"", written, StringComparison.Ordinal);
        Assert.Contains("\"maxDelay\":\"PT30S\"", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"firstDelay": "soon"}""")]
    [InlineData("""{"firstDelay": "-PT1S"}""")]
    [InlineData("""{"firstDelay": 5}""")]
    public void Json_DurationNotUsable_Throws(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StepRetryPolicy>(json));

    [Fact]
    public void Json_StepTimeout_RoundTripsAsIso8601()
    {
        var step = JsonSerializer.Deserialize<ExecutionStep>("""{"id": "s1", "toolName": "t", "timeout": "PT1M30S"}""")!;

        Assert.Equal(TimeSpan.FromSeconds(90), step.Timeout);
        Assert.Contains("\"timeout\":\"PT1M30S\"", JsonSerializer.Serialize(step), StringComparison.Ordinal);
        Assert.DoesNotContain("timeout", JsonSerializer.Serialize(new ExecutionStep()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 2, 60, "maxAttempts")]
    [InlineData(21, 1, 2, 60, "maxAttempts")]
    [InlineData(3, 0, 2, 60, "firstDelay")]
    [InlineData(3, 1, 0.5, 60, "backoffCoefficient")]
    [InlineData(3, 10, 2, 5, "maxDelay")]
    public void Problem_OutOfRange_NamesTheField(int attempts, double firstSeconds, double coefficient, double maxSeconds, string field)
    {
        var policy = new StepRetryPolicy
        {
            MaxAttempts = attempts,
            FirstDelay = TimeSpan.FromSeconds(firstSeconds),
            BackoffCoefficient = coefficient,
            MaxDelay = TimeSpan.FromSeconds(maxSeconds),
        };

        Assert.StartsWith(field, policy.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_Defaults_IsNone() => Assert.Null(new StepRetryPolicy().Problem());

    [Theory]
    [InlineData(1, true, 1_000)]
    [InlineData(2, true, 2_000)]
    [InlineData(3, true, -1)]
    [InlineData(1, false, -1)]
    public void WaitAfterFailure_Attempt_WaitsOnlyForFailuresThatMayPassWithAttemptsLeft(int attempt, bool transient, int milliseconds)
    {
        var policy = new StepRetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds), policy.WaitAfterFailure(attempt, transient, retryAfter: null));
    }
}
