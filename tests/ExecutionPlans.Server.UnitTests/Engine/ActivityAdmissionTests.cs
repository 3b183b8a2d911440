using ExecutionPlans.Server.Engine;

namespace ExecutionPlans.Server.UnitTests.Engine;

/// <summary>The rule for activity messages, walked row by row.</summary>
public sealed class ActivityAdmissionTests
{
    private static readonly DateTime ScheduledAt = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    // The stored history schedules this very message's task.
    [InlineData(0.0, false, false, 0.0, nameof(ActivityVerdict.Run))]
    [InlineData(0.4, false, false, 0.0, nameof(ActivityVerdict.Run))]
    [InlineData(0.0, true, false, 0.0, nameof(ActivityVerdict.Discard))]
    // It schedules another copy (the episode ran again after a crash).
    [InlineData(2500.0, false, false, 0.0, nameof(ActivityVerdict.Defer))]
    [InlineData(2500.0, true, false, 0.0, nameof(ActivityVerdict.Discard))]
    [InlineData(-2500.0, false, true, 0.0, nameof(ActivityVerdict.Defer))]
    // It does not schedule it at all.
    [InlineData(null, false, true, 0.0, nameof(ActivityVerdict.Discard))]
    [InlineData(null, false, false, 1440.0, nameof(ActivityVerdict.Wait))]
    public void Decide_StoredExecution_FollowsTheTable(double? storedOffsetMilliseconds, bool finished, bool ended, double ageMinutes, string expected)
    {
        // Arrange
        var stored = new StoredTask(
            ExecutionStored: true,
            ExecutionEnded: ended,
            ScheduledAt: storedOffsetMilliseconds is { } offset ? ScheduledAt.AddMilliseconds(offset) : null,
            Finished: finished);

        // Act
        var verdict = ActivityAdmission.Decide(stored, ScheduledAt, TimeSpan.FromMinutes(ageMinutes));

        // Assert
        Assert.Equal(expected, verdict.ToString());
    }

    [Theory]
    [InlineData(0.0, nameof(ActivityVerdict.Wait))]
    [InlineData(9.0, nameof(ActivityVerdict.Wait))]
    [InlineData(10.0, nameof(ActivityVerdict.Discard))]
    public void Decide_ExecutionNeverStored_WaitsUntilTheMessageIsTooOldToBeStoredStill(double ageMinutes, string expected)
    {
        // Arrange
        var stored = new StoredTask(ExecutionStored: false, ExecutionEnded: false, ScheduledAt: null, Finished: false);

        // Act
        var verdict = ActivityAdmission.Decide(stored, ScheduledAt, TimeSpan.FromMinutes(ageMinutes));

        // Assert
        Assert.Equal(expected, verdict.ToString());
    }
}
