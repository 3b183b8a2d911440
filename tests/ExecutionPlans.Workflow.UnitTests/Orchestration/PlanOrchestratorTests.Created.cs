using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Orchestration;
using ExecutionPlans.Workflow.UnitTests.TestSupport;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

/// <summary>The plan's creation time is when it was submitted, the same in the first answer and in every view.</summary>
public partial class PlanOrchestratorTests
{
    [Fact]
    public void RunAsync_SubmittedBeforeItStarts_KeepsTheSubmissionTimeAsCreatedAt()
    {
        // Arrange
        var fake = Fakes.Context();
        var input = TestPlans.Given(TestPlans.PlanOf("s1"));
        var submittedAt = new DateTimeOffset(fake.Now.AddSeconds(-2), TimeSpan.Zero);
        input.SubmittedAt = submittedAt;

        // Act
        fake.Start(new PlanOrchestrator(), input);

        // Assert
        Assert.All(fake.Statuses, view => Assert.Equal(submittedAt, view.CreatedAt));
        Assert.Equal(submittedAt, Assert.Single(fake.LastStatus.Revisions).At);
        Assert.True(fake.LastStatus.UpdatedAt > submittedAt);
    }
}
