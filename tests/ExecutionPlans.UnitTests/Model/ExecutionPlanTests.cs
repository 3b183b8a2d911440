using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;

namespace ExecutionPlans.UnitTests.Model;

public class ExecutionPlanTests
{
    private static ExecutionPlan SamplePlan() => new()
    {
        TaskId = "task-1",
        Description = "Restart the API pods, then purge the CDN",
        Status = PlanStatus.PendingApproval,
        Version = 2,
        UserApproved = false,
        CreatedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero),
        Steps =
        [
            new ExecutionStep
            {
                Id = "s1",
                ToolName = "http_request",
                Description = "Restart pods",
                Input = "POST the restart endpoint",
                Parameters = new JsonObject { ["method"] = "POST", ["url"] = "https://ops.example.com/restart", ["retries"] = 3 },
                Status = StepStatus.Succeeded,
                Output = "ok",
            },
            new ExecutionStep { Id = "s2", ToolName = "purge_cdn", Status = StepStatus.Failed, Error = "boom" },
        ],
        Revisions =
        [
            new PlanRevision { Version = 1, Action = RevisionAction.Generated, By = "alice", At = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), Feedback = "restart and purge" },
            new PlanRevision { Version = 2, Action = RevisionAction.Modified, By = "bob", At = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero), Feedback = "add retries" },
        ],
    };

    [Fact]
    public void Serialize_ThenDeserialize_RoundTripsExactly()
    {
        var json = JsonSerializer.Serialize(SamplePlan(), ExecutionPlanJson.Options);

        var roundTripped = JsonSerializer.Deserialize<ExecutionPlan>(json, ExecutionPlanJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(roundTripped, ExecutionPlanJson.Options));
        Assert.Equal(3, roundTripped.Steps[0].Parameters["retries"]!.GetValue<int>());
    }

    [Fact]
    public void Serialize_DefaultOptions_UsesContractNamesAndSnakeCaseStatuses()
    {
        // The Durable data converter uses its own options; the contract must not depend on ours.
        var json = JsonNode.Parse(JsonSerializer.Serialize(SamplePlan()))!;

        Assert.Equal("task-1", json["id"]!.GetValue<string>());
        Assert.Equal("pending_approval", json["status"]!.GetValue<string>());
        Assert.Equal("succeeded", json["steps"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("http_request", json["steps"]![0]!["toolName"]!.GetValue<string>());
        Assert.Equal("modified", json["revisions"]![1]!["action"]!.GetValue<string>());
        Assert.False(json["userApproved"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(PlanStatus.Draft, "draft")]
    [InlineData(PlanStatus.PendingApproval, "pending_approval")]
    [InlineData(PlanStatus.Approved, "approved")]
    [InlineData(PlanStatus.Executing, "executing")]
    [InlineData(PlanStatus.Completed, "completed")]
    [InlineData(PlanStatus.Failed, "failed")]
    [InlineData(PlanStatus.Cancelled, "cancelled")]
    public void PlanStatus_SerializesAsSnakeCase(PlanStatus status, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(status));
        Assert.Equal(expected, status.ToWireName());
        Assert.Equal(status, JsonSerializer.Deserialize<PlanStatus>($"\"{expected}\""));
    }

    [Fact]
    public void TransitionTo_LaterTime_UpdatesStatusAndUpdatedAt()
    {
        var plan = SamplePlan();
        var later = plan.UpdatedAt.AddMinutes(1);

        plan.TransitionTo(PlanStatus.Approved, later);

        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal(later, plan.UpdatedAt);
    }

    [Fact]
    public void Touch_EarlierTime_KeepsUpdatedAt()
    {
        var plan = SamplePlan();
        var updated = plan.UpdatedAt;

        plan.Touch(updated.AddMinutes(-1));

        Assert.Equal(updated, plan.UpdatedAt);
    }

    [Fact]
    public void Clone_ChangingTheCopy_LeavesTheOriginalAlone()
    {
        var plan = SamplePlan();

        var copy = plan.Clone();
        copy.Steps[0].Parameters["url"] = "https://elsewhere.example.com";
        copy.Steps.Add(new ExecutionStep { Id = "s3" });
        copy.Revisions[0].By = "mallory";

        Assert.Equal("https://ops.example.com/restart", plan.Steps[0].Parameters["url"]!.GetValue<string>());
        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal("alice", plan.Revisions[0].By);
        Assert.Equal(JsonSerializer.Serialize(SamplePlan()), JsonSerializer.Serialize(plan));
    }

    [Theory]
    [InlineData(PlanStatus.Completed, true)]
    [InlineData(PlanStatus.Failed, true)]
    [InlineData(PlanStatus.Cancelled, true)]
    [InlineData(PlanStatus.Executing, false)]
    [InlineData(PlanStatus.PendingApproval, false)]
    public void IsFinal_ReportsFinalStatuses(PlanStatus status, bool expected) => Assert.Equal(expected, status.IsFinal());
}
