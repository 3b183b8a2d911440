using System.Text.Json.Nodes;
using ExecutionPlans.Agents;
using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Planning;
using ExecutionPlans.Storage;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.UnitTests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace ExecutionPlans.UnitTests.Agents;

public class ExecutionPlanAgentTests
{
    private const string Request = "Say hello twice";

    private readonly List<string> toolCalls = [];
    private readonly Mock<IExecutionPlanGenerator> generator = new(MockBehavior.Strict);
    private readonly InMemoryExecutionPlanStore store = new();
    private readonly ManualTimeProvider clock = new(TestPlans.Created.AddMinutes(1));

    public ExecutionPlanAgentTests()
    {
        generator.Setup(g => g.GenerateExecutionPlanAsync(Request, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => GeneratedPlan());
    }

    private static ExecutionPlan GeneratedPlan() => new()
    {
        TaskId = TestPlans.PlanId,
        Description = "Greet",
        Status = PlanStatus.Draft,
        CreatedAt = TestPlans.Created,
        UpdatedAt = TestPlans.Created,
        Steps =
        [
            TestPlans.Step("s1", "say", new JsonObject { ["text"] = "hello" }),
            TestPlans.Step("s2", "say", new JsonObject { ["text"] = "hello again" }),
        ],
        Revisions = [new PlanRevision { Version = 1, Action = RevisionAction.Generated, At = TestPlans.Created, Feedback = Request }],
    };

    private ExecutionPlanAgent CreateAgent(bool requireApproval = true, params PlanTool[] extraTools)
    {
        var say = PlanTool.Create(
            (string text) =>
            {
                lock (toolCalls)
                {
                    toolCalls.Add(text);
                }

                return $"said {text}";
            },
            "say",
            "Says something.");
        var executor = new ExecutionPlanExecutor(
            new ToolCatalog([say, .. extraTools]),
            clock,
            NullLogger<ExecutionPlanExecutor>.Instance,
            store);
        var options = Options.Create(new ExecutionPlanAgentOptions { RequirePlanApproval = requireApproval });
        return new ExecutionPlanAgent(generator.Object, executor, store, clock, options);
    }

    [Fact]
    public async Task ProcessRequestAsync_ApprovalRequired_StoresAPendingPlanAndRunsNothing()
    {
        var agent = CreateAgent();

        var plan = await agent.ProcessRequestAsync(Request);

        Assert.Equal(PlanStatus.PendingApproval, plan.Status);
        Assert.False(plan.UserApproved);
        Assert.Equal(clock.GetUtcNow(), plan.UpdatedAt);
        Assert.Empty(toolCalls);
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(PlanStatus.PendingApproval, stored!.Status);
        Assert.All(stored.Steps, s => Assert.Equal(StepStatus.Pending, s.Status));
        Assert.Equal(PlanStatus.PendingApproval, await agent.GetPlanStatusAsync(TestPlans.PlanId));
        Assert.Null(agent.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task ApproveExecutionPlanAsync_PendingPlan_RunsItAndStoresTheFinalPlan()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);

        var result = await agent.ApproveExecutionPlanAsync(TestPlans.PlanId);

        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.True(result.UserApproved);
        Assert.Equal(["hello", "hello again"], toolCalls);
        Assert.Equal(["said hello", "said hello again"], result.Steps.Select(s => s.Output));
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(PlanStatus.Completed, stored!.Status);
        Assert.Equal(PlanStatus.Completed, agent.GetPlanStatus(TestPlans.PlanId));
    }

    [Fact]
    public async Task ApproveExecutionPlanAsync_AlreadyApproved_ThrowsPlanStateException()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);
        await agent.ApproveExecutionPlanAsync(TestPlans.PlanId);

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => agent.ApproveExecutionPlanAsync(TestPlans.PlanId));

        Assert.Equal(PlanStatus.Completed, exception.Status);
        Assert.Contains("pending_approval", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, toolCalls.Count);
    }

    [Fact]
    public async Task ProcessRequestAsync_ApprovalNotRequired_RunsThePlanAtOnce()
    {
        var agent = CreateAgent(requireApproval: false);

        var result = await agent.ProcessRequestAsync(Request);

        Assert.Equal(PlanStatus.Completed, result.Status);
        Assert.False(result.UserApproved);
        Assert.Equal(["hello", "hello again"], toolCalls);
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(PlanStatus.Completed, stored!.Status);
        Assert.False(stored.UserApproved);
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_PendingPlan_StoresTheGeneratorsNextVersionForApproval()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);
        generator.Setup(g => g.ModifyExecutionPlanAsync(
                It.Is<ExecutionPlan>(p => p.TaskId == TestPlans.PlanId && p.Version == 1 && p.Status == PlanStatus.PendingApproval),
                "only once",
                It.IsAny<CancellationToken>()))
            .ReturnsAsync((ExecutionPlan current, string feedback, CancellationToken _) =>
            {
                var next = current.Clone();
                next.Version = current.Version + 1;
                next.Status = PlanStatus.Draft;
                next.Steps.RemoveAt(1);
                next.Revisions.Add(new PlanRevision { Version = next.Version, Action = RevisionAction.Modified, Feedback = feedback });
                return next;
            });

        var modified = await agent.ModifyExecutionPlanAsync(TestPlans.PlanId, "only once");

        Assert.Equal(2, modified.Version);
        Assert.Equal(PlanStatus.PendingApproval, modified.Status);
        Assert.Single(modified.Steps);
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(PlanStatus.PendingApproval, stored.Status);
        Assert.Equal("only once", stored.Revisions[^1].Feedback);
        Assert.Empty(toolCalls);
        generator.Verify(g => g.ModifyExecutionPlanAsync(It.IsAny<ExecutionPlan>(), "only once", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_GeneratorReturnsAnotherTask_ThrowsAndKeepsThePlan()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);
        generator.Setup(g => g.ModifyExecutionPlanAsync(It.IsAny<ExecutionPlan>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ExecutionPlan { TaskId = "other", Version = 2 });

        await Assert.ThrowsAsync<ExecutionPlanException>(() => agent.ModifyExecutionPlanAsync(TestPlans.PlanId, "change it"));

        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(1, stored!.Version);
        Assert.Null(await store.GetAsync("other"));
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_PlanNotPending_ThrowsPlanStateException()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);
        await agent.RejectExecutionPlanAsync(TestPlans.PlanId, "no");

        var exception = await Assert.ThrowsAsync<PlanStateException>(() => agent.ModifyExecutionPlanAsync(TestPlans.PlanId, "change it"));

        Assert.Equal(PlanStatus.Cancelled, exception.Status);
        generator.Verify(g => g.ModifyExecutionPlanAsync(It.IsAny<ExecutionPlan>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RejectExecutionPlanAsync_PendingPlan_CancelsItWithTheReason()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);

        var rejected = await agent.RejectExecutionPlanAsync(TestPlans.PlanId, "too risky");

        Assert.Equal(PlanStatus.Cancelled, rejected.Status);
        Assert.Equal("too risky", rejected.Error);
        Assert.All(rejected.Steps, s => Assert.Equal(StepStatus.Skipped, s.Status));
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal(PlanStatus.Cancelled, stored!.Status);
        Assert.Equal("too risky", stored.Error);
        Assert.Empty(toolCalls);
    }

    [Fact]
    public async Task RejectExecutionPlanAsync_NoReason_RecordsADefaultError()
    {
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);

        var rejected = await agent.RejectExecutionPlanAsync(TestPlans.PlanId, reason: null);

        Assert.Equal(PlanStatus.Cancelled, rejected.Status);
        Assert.Equal("The plan was rejected.", rejected.Error);
    }

    [Fact]
    public async Task DecisionMethods_UnknownTaskId_ThrowPlanNotFoundException()
    {
        var agent = CreateAgent();

        var approve = await Assert.ThrowsAsync<PlanNotFoundException>(() => agent.ApproveExecutionPlanAsync("missing"));
        var modify = await Assert.ThrowsAsync<PlanNotFoundException>(() => agent.ModifyExecutionPlanAsync("missing", "feedback"));
        var reject = await Assert.ThrowsAsync<PlanNotFoundException>(() => agent.RejectExecutionPlanAsync("missing", null));

        Assert.All([approve, modify, reject], e => Assert.Equal("missing", e.TaskId));
        Assert.Null(await agent.GetPlanStatusAsync("missing"));
        Assert.Null(await agent.GetPlanAsync("missing"));
    }

    [Fact]
    public async Task CancelPlan_WhileTheApprovedPlanRuns_LetsTheStepFinishAndStoresTheCancelledPlan()
    {
        // Arrange: a first step that runs until released, before the generated two.
        var gated = new GatedTool();
        generator.Setup(g => g.GenerateExecutionPlanAsync("wait", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var plan = GeneratedPlan();
                plan.Steps.Insert(0, GatedTool.Step("s0"));
                return plan;
            });
        var agent = CreateAgent(requireApproval: true, gated.Tool);
        await agent.ProcessRequestAsync("wait");
        var running = agent.ApproveExecutionPlanAsync(TestPlans.PlanId);
        await gated.EnteredAsync("s0");

        // Act
        var cancelled = agent.CancelPlan(TestPlans.PlanId);
        var whileTheStepRuns = await agent.GetPlanStatusAsync(TestPlans.PlanId);
        gated.Release("s0", "s0 done");
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(cancelled);
        Assert.Equal(PlanStatus.Cancelling, whileTheStepRuns);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Skipped], result.Steps.Select(s => s.Status));
        Assert.Equal("s0 done", result.Steps[0].Output);
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal((PlanStatus.Cancelled, "s0 done"), (stored!.Status, stored.Steps[0].Output));
        Assert.Equal(PlanStatus.Cancelled, await agent.GetPlanStatusAsync(TestPlans.PlanId));
        Assert.Empty(toolCalls);
        Assert.False(agent.CancelPlan(TestPlans.PlanId));
    }

    [Fact]
    public async Task ApproveExecutionPlanAsync_CallerTokenCancelledWhileAStepRuns_StopsTheToolAndStoresTheCancelledPlan()
    {
        // Arrange
        var gated = new GatedTool();
        generator.Setup(g => g.GenerateExecutionPlanAsync("wait", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var plan = GeneratedPlan();
                plan.Steps.Insert(0, GatedTool.Step("s0"));
                return plan;
            });
        var agent = CreateAgent(requireApproval: true, gated.Tool);
        await agent.ProcessRequestAsync("wait");
        using var cancellation = new CancellationTokenSource();
        var running = agent.ApproveExecutionPlanAsync(TestPlans.PlanId, cancellation.Token);
        await gated.EnteredAsync("s0");

        // Act
        await cancellation.CancelAsync();
        var result = await running.WaitAsync(TestPlans.Patience);

        // Assert
        Assert.True(gated.TokenOf("s0").IsCancellationRequested);
        Assert.Equal(PlanStatus.Cancelled, result.Status);
        Assert.Equal((StepStatus.Failed, ExecutionPlanExecutor.StepCancelledMessage), (result.Steps[0].Status, result.Steps[0].Error));
        Assert.Equal(PlanStatus.Cancelled, (await store.GetAsync(TestPlans.PlanId))!.Status);
        Assert.Empty(toolCalls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProcessRequestAsync_GeneratedPlanNotADraft_ThrowsPlanStateExceptionAndStoresNothing(bool requireApproval)
    {
        // Arrange
        generator.Setup(g => g.GenerateExecutionPlanAsync("approved already", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var plan = GeneratedPlan();
                plan.Status = PlanStatus.Approved;
                return plan;
            });
        var agent = CreateAgent(requireApproval);

        // Act
        var exception = await Assert.ThrowsAsync<PlanStateException>(() => agent.ProcessRequestAsync("approved already"));

        // Assert
        Assert.Contains("approved", exception.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(TestPlans.PlanId));
        Assert.Empty(toolCalls);
    }

    [Fact]
    public async Task ModifyExecutionPlanAsync_NewVersionNotADraft_ThrowsPlanStateExceptionAndKeepsThePlan()
    {
        // Arrange: a generator that hands back the version under review, still pending approval.
        var agent = CreateAgent();
        await agent.ProcessRequestAsync(Request);
        generator.Setup(g => g.ModifyExecutionPlanAsync(It.IsAny<ExecutionPlan>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ExecutionPlan current, string _, CancellationToken _) => current.Clone());

        // Act
        var exception = await Assert.ThrowsAsync<PlanStateException>(() => agent.ModifyExecutionPlanAsync(TestPlans.PlanId, "change it"));

        // Assert
        Assert.Contains("pending_approval", exception.Message, StringComparison.Ordinal);
        var stored = await store.GetAsync(TestPlans.PlanId);
        Assert.Equal((1, PlanStatus.PendingApproval), (stored!.Version, stored.Status));
    }
}
