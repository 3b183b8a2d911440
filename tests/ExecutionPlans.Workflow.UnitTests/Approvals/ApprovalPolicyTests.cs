using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Workflow.UnitTests.Approvals;

public class ApprovalPolicyTests
{
    [Theory]
    [InlineData(DecisionKind.Approve, "bob", null)]
    [InlineData(DecisionKind.Approve, "BOB", null)]
    [InlineData(DecisionKind.Modify, "bob", null)]
    [InlineData(DecisionKind.Approve, "mallory", "not an approver")]
    [InlineData(DecisionKind.Reject, null, "anonymous")]
    [InlineData(DecisionKind.Cancel, "alice", null)]
    [InlineData(DecisionKind.Cancel, "mallory", "not an approver")]
    public void Refusal_WithApprovers_AllowsOnlyThemAndTheRequesterToCancel(DecisionKind kind, string? by, string? expected)
    {
        var refusal = ApprovalPolicy.Refusal(kind, by, ["bob"], requestedBy: "alice", allowSelfApproval: false);

        if (expected is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(expected, refusal, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Refusal_RequesterApproves_DependsOnSelfApproval(bool allowSelfApproval, bool refused)
    {
        var refusal = ApprovalPolicy.Refusal(DecisionKind.Approve, "alice", [], requestedBy: "alice", allowSelfApproval);

        Assert.Equal(refused, refusal is not null);
    }

    [Fact]
    public void Refusal_NoApprovers_AllowsAnyone() =>
        Assert.Null(ApprovalPolicy.Refusal(DecisionKind.Reject, null, [], requestedBy: "alice", allowSelfApproval: false));
}
