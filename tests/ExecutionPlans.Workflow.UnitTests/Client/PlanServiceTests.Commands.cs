using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Client;

/// <summary>Decisions, cancel and delete: checked against the current view, then sent as events.</summary>
public sealed partial class PlanServiceTests
{
    [Fact]
    public async Task ApproveAsync_UnknownPlan_IsNotFound()
    {
        // Arrange
        Serve(null);

        // Act
        var result = await Service().ApproveAsync(Id, new PlanDecisionRequest());

        // Assert
        Assert.Equal(PlanCommandStatus.NotFound, result.Status);
        Assert.Equal("There is no plan with the id 'plan-1'.", result.Detail);
        VerifyNoEventRaised();
    }

    [Theory]
    [InlineData(PlanStatus.Draft, "draft")]
    [InlineData(PlanStatus.Executing, "executing")]
    [InlineData(PlanStatus.Completed, "completed")]
    public async Task ApproveAsync_NotPendingApproval_IsAConflictNamingTheStatus(PlanStatus status, string wireName)
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(status)));

        // Act
        var result = await Service().ApproveAsync(Id, new PlanDecisionRequest());

        // Assert
        Assert.Equal(PlanCommandStatus.Conflict, result.Status);
        Assert.Equal($"The plan is {wireName}, not awaiting approval.", result.Detail);
        Assert.Equal(status, result.View!.Status);
        VerifyNoEventRaised();
    }

    [Fact]
    public async Task ApproveAsync_StaleVersion_IsAConflict()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval, version: 2)));

        // Act
        var result = await Service().ApproveAsync(Id, new PlanDecisionRequest { Version = 1 });

        // Assert
        Assert.Equal(PlanCommandStatus.Conflict, result.Status);
        Assert.Equal("The decision is for version 1, but the plan is at version 2.", result.Detail);
        VerifyNoEventRaised();
    }

    [Fact]
    public async Task ApproveAsync_WithoutVersion_RaisesApprovedBoundToTheCheckedVersion()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval, version: 2)));
        var raised = CaptureEvents();

        // Act
        var result = await Service().ApproveAsync(Id, new PlanDecisionRequest { DecisionId = "d-1", Text = "Go", By = "bob" });

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, result.Status);
        Assert.Equal(2, result.View!.Version);
        var (name, payload) = Assert.Single(raised);
        Assert.Equal(PlanEvents.Approved, name);
        Assert.Equal(2, payload.GetProperty("version").GetInt32());
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);
        Assert.Equal((2, "d-1", "bob", "Go"), (decision.Version, decision.DecisionId, decision.By, decision.Text));
        Assert.Null(decision.Problem);
    }

    [Fact]
    public async Task ApproveAsync_Accepted_AnswersWithTheDecisionAsReceived()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval, version: 2)));
        CaptureEvents();

        // Act
        var result = await Service().ApproveAsync(Id, new PlanDecisionRequest { DecisionId = "d-7", Text = "Go", By = "bob" });

        // Assert: not the view from before the decision, but that view with the decision just sent.
        var received = Assert.Single(result.View!.Decisions);
        Assert.Equal(
            (DecisionKind.Approve, DecisionOutcome.Received, 2, "d-7", "bob", "Go"),
            (received.Kind, received.Outcome, received.Version, received.DecisionId, received.By, received.Comment));
        Assert.Equal(PlanStatus.PendingApproval, result.View.Status);
    }

    [Fact]
    public async Task CancelAsync_Accepted_AnswersWithTheCancelAsReceived()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.Executing)));
        CaptureEvents();

        // Act
        var result = await Service().CancelAsync(Id, "Stop", "bob");

        // Assert
        var received = Assert.Single(result.View!.Decisions);
        Assert.Equal((DecisionKind.Cancel, DecisionOutcome.Received, "Stop"), (received.Kind, received.Outcome, received.Comment));
    }

    [Fact]
    public async Task ModifyAsync_Feedback_RaisesModifyWithTheFeedback()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval, version: 3)));
        var raised = CaptureEvents();

        // Act
        var result = await Service().ModifyAsync(Id, new PlanDecisionRequest { Version = 3, Text = "Add a health check", By = "bob" });

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, result.Status);
        var (name, payload) = Assert.Single(raised);
        Assert.Equal(PlanEvents.Modify, name);
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);
        Assert.Equal((3, "bob", "Add a health check"), (decision.Version, decision.By, decision.Text));
        Assert.Null(decision.Plan);
        Assert.Null(decision.Problem);
    }

    [Fact]
    public async Task ModifyAsync_ReplacementPlan_TravelsInThePayload()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval)));
        var raised = CaptureEvents();
        var replacement = TestPlans.PlanOf("r1", "r2");

        // Act
        await Service().ModifyAsync(Id, new PlanDecisionRequest { Plan = replacement, By = "carol" });

        // Assert
        var decision = DecisionPayload.Read(PlanEvents.Modify, Assert.Single(raised).Payload);
        Assert.NotNull(decision.Plan);
        Assert.Equal(["r1", "r2"], decision.Plan.Steps.Select(s => s.Id));
        Assert.Equal((1, "carol"), (decision.Version, decision.By));
        Assert.Null(decision.Problem);
    }

    [Fact]
    public async Task RejectAsync_Pending_RaisesRejectedWithTheReason()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval)));
        var raised = CaptureEvents();

        // Act
        var result = await Service().RejectAsync(Id, new PlanDecisionRequest { Text = "Too risky", By = "bob" });

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, result.Status);
        var (name, payload) = Assert.Single(raised);
        Assert.Equal(PlanEvents.Rejected, name);
        var decision = DecisionPayload.Read(PlanEvents.Rejected, payload);
        Assert.Equal((1, "bob", "Too risky"), (decision.Version, decision.By, decision.Text));
    }

    [Fact]
    public async Task RejectAsync_NotPending_IsAConflict()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.Executing)));

        // Act
        var result = await Service().RejectAsync(Id, new PlanDecisionRequest());

        // Assert
        Assert.Equal(PlanCommandStatus.Conflict, result.Status);
        VerifyNoEventRaised();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed, PlanStatus.Completed, "completed")]
    [InlineData(OrchestrationRuntimeStatus.Completed, PlanStatus.Failed, "failed")]
    [InlineData(OrchestrationRuntimeStatus.Terminated, PlanStatus.Executing, "cancelled")]
    public async Task CancelAsync_PlanEnded_IsAConflict(OrchestrationRuntimeStatus runtimeStatus, PlanStatus status, string wireName)
    {
        // Arrange
        Serve(Metadata(runtimeStatus, status: View(status), output: runtimeStatus == OrchestrationRuntimeStatus.Completed ? View(status) : null));

        // Act
        var result = await Service().CancelAsync(Id, "Stop", "bob");

        // Assert
        Assert.Equal(PlanCommandStatus.Conflict, result.Status);
        Assert.Equal($"The plan has already ended ({wireName}).", result.Detail);
        VerifyNoEventRaised();
    }

    [Theory]
    [InlineData(PlanStatus.Draft)]
    [InlineData(PlanStatus.PendingApproval)]
    [InlineData(PlanStatus.Executing)]
    public async Task CancelAsync_Running_RaisesCancel(PlanStatus status)
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(status)));
        var raised = CaptureEvents();

        // Act
        var result = await Service().CancelAsync(Id, "Stop", "bob");

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, result.Status);
        var (name, payload) = Assert.Single(raised);
        Assert.Equal(PlanEvents.Cancel, name);
        var decision = DecisionPayload.Read(PlanEvents.Cancel, payload);
        Assert.Equal(("bob", "Stop"), (decision.By, decision.Text));
    }

    [Fact]
    public async Task CancelAsync_UnknownPlan_IsNotFound()
    {
        // Arrange
        Serve(null);

        // Act
        var result = await Service().CancelAsync(Id, null, null);

        // Assert
        Assert.Equal(PlanCommandStatus.NotFound, result.Status);
        VerifyNoEventRaised();
    }

    [Theory]
    [InlineData(PlanStatus.PendingApproval, "pending_approval")]
    [InlineData(PlanStatus.Executing, "executing")]
    public async Task DeleteAsync_Running_IsAConflictAndPurgesNothing(PlanStatus status, string wireName)
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(status)));
        var purges = CapturePurges(purged: 1);

        // Act
        var result = await Service().DeleteAsync(Id);

        // Assert
        Assert.Equal(PlanCommandStatus.Conflict, result.Status);
        Assert.Contains(wireName, result.Detail, StringComparison.Ordinal);
        Assert.Empty(purges);
    }

    [Fact]
    public async Task DeleteAsync_Ended_PurgesTheInstance()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Completed, output: View(PlanStatus.Completed)));
        var purges = CapturePurges(purged: 1);

        // Act
        var result = await Service().DeleteAsync(Id);

        // Assert
        Assert.Equal(PlanCommandStatus.Accepted, result.Status);
        Assert.Equal(Id, Assert.Single(purges));
    }

    [Fact]
    public async Task DeleteAsync_NothingPurged_IsNotFound()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Completed, output: View(PlanStatus.Completed)));
        CapturePurges(purged: 0);

        // Act
        var result = await Service().DeleteAsync(Id);

        // Assert
        Assert.Equal(PlanCommandStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task DeleteAsync_UnknownPlan_IsNotFound()
    {
        // Arrange
        Serve(null);
        var purges = CapturePurges(purged: 1);

        // Act
        var result = await Service().DeleteAsync(Id);

        // Assert
        Assert.Equal(PlanCommandStatus.NotFound, result.Status);
        Assert.Empty(purges);
    }

    /// <summary>Records raised events with their payload as the orchestration would receive it.</summary>
    private List<(string Name, JsonElement Payload)> CaptureEvents()
    {
        var raised = new List<(string Name, JsonElement Payload)>();
        client.Setup(c => c.RaiseEventAsync(Id, It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string name, object? payload, CancellationToken _) =>
                raised.Add((name, JsonDataConverter.Default.Deserialize<JsonElement>(JsonDataConverter.Default.Serialize(payload)))))
            .Returns(Task.CompletedTask);
        return raised;
    }

    private List<string> CapturePurges(int purged)
    {
        var purges = new List<string>();
        client.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => purges.Add(id))
            .ReturnsAsync(new PurgeResult(purged));
        client.Setup(c => c.PurgeInstanceAsync(It.IsAny<string>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string id, PurgeInstanceOptions? _, CancellationToken _) => purges.Add(id))
            .ReturnsAsync(new PurgeResult(purged));
        return purges;
    }

    private void VerifyNoEventRaised() =>
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never());
}
