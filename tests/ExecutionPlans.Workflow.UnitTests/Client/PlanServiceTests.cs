using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ExecutionPlans.Workflow.UnitTests.Client;

/// <summary>Starting, reading and listing plans.</summary>
public sealed partial class PlanServiceTests
{
    private const string Id = "plan-1";
    private static readonly DateTimeOffset Created = new(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly FakeTimeProvider clock = new(Created);

    [Fact]
    public async Task StartAsync_Input_SchedulesThePlanOrchestratorUnderTheViewId()
    {
        // Arrange
        var input = TestPlans.Given(TestPlans.PlanOf("s1", "s2"));
        StartOrchestrationOptions? options = null;
        object? scheduledInput = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(nameof(PlanOrchestrator), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? scheduled, StartOrchestrationOptions? start, CancellationToken _) => (scheduledInput, options) = (scheduled, start))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? start, CancellationToken _) => start!.InstanceId!);

        // Act
        var view = await Service().StartAsync(input);

        // Assert
        Assert.Same(input, scheduledInput);
        Assert.NotNull(options);
        Assert.Equal(view.Id, options.InstanceId);
        Assert.False(string.IsNullOrWhiteSpace(view.Id));
        Assert.Equal((PlanStatus.Draft, 1, Created, Created), (view.Status, view.Version, view.CreatedAt, view.UpdatedAt));
        Assert.Equal(["s1", "s2"], view.Steps.Select(s => s.Id));
        Assert.Equal(("alice", true), (view.RequestedBy, view.RequireApproval));
        Assert.Equal(Created, input.SubmittedAt);
        Assert.Equal((RevisionAction.Submitted, "alice", Created), (Assert.Single(view.Revisions).Action, view.Revisions[0].By, view.Revisions[0].At));
    }

    [Fact]
    public async Task StartAsync_TwoPlans_GetDifferentIds()
    {
        // Arrange
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("ignored");
        var service = Service();

        // Act
        var first = await service.StartAsync(TestPlans.Request("one"));
        var second = await service.StartAsync(TestPlans.Request("two"));

        // Assert
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        // Arrange
        Serve(null);

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Null(view);
    }

    [Fact]
    public async Task GetAsync_AnotherOrchestration_ReturnsNull()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval), name: "SomethingElse"));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Null(view);
    }

    [Fact]
    public async Task GetAsync_Running_ReturnsTheCustomStatus()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval, version: 3)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.NotNull(view);
        Assert.Equal((Id, PlanStatus.PendingApproval, 3), (view.Id, view.Status, view.Version));
    }

    [Fact]
    public async Task GetAsync_NotStartedYet_BuildsTheViewFromTheInput()
    {
        // Arrange
        var input = TestPlans.Given(TestPlans.PlanOf("s1"), approvers: "bob");
        input.Plan!.Steps[0].Output = "should not show";
        Serve(Metadata(OrchestrationRuntimeStatus.Pending, input: input));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.NotNull(view);
        Assert.Equal((Id, PlanStatus.Draft, 1, Created), (view.Id, view.Status, view.Version, view.CreatedAt));
        Assert.Equal((StepStatus.Pending, null), (view.Steps[0].Status, view.Steps[0].Output));
        Assert.Equal(["bob"], view.Approvers);
    }

    [Fact]
    public async Task GetAsync_Completed_ReturnsTheOutput()
    {
        // Arrange
        Serve(Metadata(
            OrchestrationRuntimeStatus.Completed,
            status: View(PlanStatus.Executing),
            output: View(PlanStatus.Completed)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal(PlanStatus.Completed, view!.Status);
    }

    [Fact]
    public async Task GetAsync_RuntimeFailedWhileExecuting_IsAFailedPlan()
    {
        // Arrange
        Serve(Metadata(
            OrchestrationRuntimeStatus.Failed,
            status: View(PlanStatus.Executing),
            failure: new TaskFailureDetails("System.InvalidOperationException", "The orchestrator crashed.", null, null, null)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal((PlanStatus.Failed, "The orchestrator crashed."), (view!.Status, view.Error));
    }

    [Fact]
    public async Task GetAsync_RuntimeFailedWithItsFailureAsText_ShowsTheMessage()
    {
        // Arrange: Azure Storage keeps an orchestration's failure as "type: message" in its output, without details.
        Serve(Metadata(
            OrchestrationRuntimeStatus.Failed,
            status: View(PlanStatus.Executing),
            failureText: "ExecutionPlans.StateTooLarge: The orchestration's state could not be stored: it is too large."));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal((PlanStatus.Failed, "The orchestration's state could not be stored: it is too large."), (view!.Status, view.Error));
    }

    [Fact]
    public async Task GetAsync_RuntimeFailedWithoutDetails_SaysTheWorkflowFailed()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Failed, status: View(PlanStatus.PendingApproval)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal((PlanStatus.Failed, "The workflow failed."), (view!.Status, view.Error));
    }

    [Fact]
    public async Task GetAsync_Terminated_IsACancelledPlan()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Terminated, status: View(PlanStatus.PendingApproval)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal((PlanStatus.Cancelled, "The workflow was terminated."), (view!.Status, view.Error));
    }

    [Fact]
    public async Task GetAsync_TerminatedAfterThePlanEnded_KeepsThePlanStatus()
    {
        // Arrange
        Serve(Metadata(OrchestrationRuntimeStatus.Terminated, status: View(PlanStatus.Completed)));

        // Act
        var view = await Service().GetAsync(Id);

        // Assert
        Assert.Equal((PlanStatus.Completed, null), (view!.Status, view.Error));
    }

    [Fact]
    public async Task ListAsync_StatusFilter_QueriesMatchingRuntimeStatusesAndFiltersViews()
    {
        // Arrange
        OrchestrationQuery? query = null;
        (string? Token, int? Size) requested = default;
        client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback((OrchestrationQuery? q) => query = q)
            .Returns(Pageable.Create((string? token, int? size, CancellationToken _) =>
            {
                requested = (token, size);
                return Task.FromResult(new Page<OrchestrationMetadata>(
                    [
                        Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval), id: "a"),
                        Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.Executing), id: "b"),
                        Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval), id: "c", name: "Other"),
                        Metadata(OrchestrationRuntimeStatus.Pending, status: View(PlanStatus.PendingApproval), id: "d"),
                    ],
                    "next-page"));
            }));

        // Act
        var page = await Service().ListAsync(PlanStatus.PendingApproval, 4, PlanPageToken.Wrap("this-page"));

        // Assert
        Assert.NotNull(query);
        Assert.Equal(
            new[] { OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended }.Order(),
            query.Statuses!.Order());
        Assert.Equal((4, "this-page", true), (query.PageSize, query.ContinuationToken, query.FetchInputsAndOutputs));
        Assert.Equal(("this-page", 4), requested);
        Assert.Equal(["a", "d"], page.Items.Select(v => v.Id));
        Assert.True(PlanPageToken.TryUnwrap(page.ContinuationToken, out var next));
        Assert.Equal("next-page", next);
    }

    [Fact]
    public async Task ListAsync_ShortPageWithAnEngineToken_IsTheLastPage()
    {
        client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns(Pageable.Create((string? token, int? size, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.PendingApproval), id: "a")],
                "2"))));

        var page = await Service().ListAsync(null, 20, null);

        Assert.Equal(["a"], page.Items.Select(v => v.Id));
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("Mg.AAAAAAAAAAA")]
    [InlineData(".")]
    public async Task ListAsync_TokenNotIssuedByAPage_ThrowsWithoutAskingTheEngine(string token)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Service().ListAsync(null, 20, token));

        Assert.Contains("not issued by this list", exception.Message, StringComparison.Ordinal);
        client.Verify(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()), Times.Never);
    }

    [Fact]
    public async Task ListAsync_FinalStatus_QueriesEndedRuntimeStatuses()
    {
        // Arrange
        OrchestrationQuery? query = null;
        client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback((OrchestrationQuery? q) => query = q)
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [
                    Metadata(OrchestrationRuntimeStatus.Completed, output: View(PlanStatus.Cancelled), id: "a"),
                    Metadata(OrchestrationRuntimeStatus.Terminated, status: View(PlanStatus.Executing), id: "b"),
                    Metadata(OrchestrationRuntimeStatus.Completed, output: View(PlanStatus.Completed), id: "c"),
                ],
                null))));

        // Act
        var page = await Service().ListAsync(PlanStatus.Cancelled, 10, null);

        // Assert
        Assert.Equal(
            new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated }.Order(),
            query!.Statuses!.Order());
        Assert.Equal(["a", "b"], page.Items.Select(v => v.Id));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_NoFilterAndEmptyToken_ReturnsEverythingAndNoToken()
    {
        // Arrange
        OrchestrationQuery? query = null;
        client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback((OrchestrationQuery? q) => query = q)
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [Metadata(OrchestrationRuntimeStatus.Running, status: View(PlanStatus.Executing), id: "a")],
                string.Empty))));

        // Act
        var page = await Service().ListAsync(null, 100, null);

        // Assert
        Assert.Null(query!.Statuses);
        Assert.Equal("a", Assert.Single(page.Items).Id);
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ListAsync_PageSizeOutOfRange_Throws(int top)
    {
        // Arrange
        var service = Service();

        // Act
        var exception = await Record.ExceptionAsync(() => service.ListAsync(null, top, null));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(exception);
    }

    private PlanService Service() => new(client.Object, clock);

    private void Serve(OrchestrationMetadata? metadata) =>
        client.Setup(c => c.GetInstanceAsync(Id, true, It.IsAny<CancellationToken>())).ReturnsAsync(metadata);

    private static PlanView View(PlanStatus status, int version = 1, string id = Id)
    {
        var plan = TestPlans.PlanOf("s1", "s2");
        plan.TaskId = id;
        plan.Status = status;
        plan.Version = version;
        plan.CreatedAt = Created;
        plan.UpdatedAt = Created;
        return PlanView.FromPlan(plan);
    }

    private static OrchestrationMetadata Metadata(
        OrchestrationRuntimeStatus runtimeStatus,
        PlanView? status = null,
        PlanOrchestrationInput? input = null,
        PlanView? output = null,
        string id = Id,
        string name = nameof(PlanOrchestrator),
        TaskFailureDetails? failure = null,
        string? failureText = null)
    {
        var converter = JsonDataConverter.Default;
        if (status is not null)
        {
            status.Id = id;
        }

        if (output is not null)
        {
            output.Id = id;
        }

        return new OrchestrationMetadata(name, id)
        {
            DataConverter = converter,
            RuntimeStatus = runtimeStatus,
            CreatedAt = Created,
            LastUpdatedAt = Created,
            SerializedCustomStatus = status is null ? null : converter.Serialize(status),
            SerializedInput = converter.Serialize(input ?? TestPlans.Given(TestPlans.PlanOf("s1"))),
            SerializedOutput = output is null ? failureText : converter.Serialize(output),
            FailureDetails = failure,
        };
    }
}
