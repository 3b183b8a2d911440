using ExecutionPlans.Execution;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// The approval policy: each version's risk (its riskiest step's) and hash, the quorum it needs, who counts toward
/// it, and escalation when nobody decides in time.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    /// <summary>Who decides who is not an approver: the policy, for plans that need no approval.</summary>
    internal const string PolicyDecider = "policy";

    private ToolRisk? risk;
    private string? planHash;
    private List<string>? escalatedApprovers;

    /// <summary>The policy of the plan: the input's, or (for inputs from before policies) one approval per plan.</summary>
    private PlanApprovalPolicy Policy => input.Policy ??= new PlanApprovalPolicy().Resolve(input.AllowSelfApproval);

    /// <summary>The policy of the plan's risk; a version not assessed yet counts as one that writes.</summary>
    private RiskApprovalPolicy RiskPolicy => Policy.For(risk ?? ToolRisk.Write);

    /// <summary>The plan's approvers now: the input's, and the escalation approvers once they were added.</summary>
    private List<string> Approvers => escalatedApprovers ?? input.Approvers;

    /// <summary>Whether the requester's own approval counts for this plan.</summary>
    private bool AllowsSelfApproval => RiskPolicy.AllowSelfApproval ?? input.AllowSelfApproval;

    /// <summary>
    /// How many distinct approvals the current version needs: its risk's quorum; at least one for a changed version,
    /// which a person asked for and a person approves.
    /// </summary>
    private int RequiredApprovals => Plan.Version > 1 ? Math.Max(1, RiskPolicy.RequiredApprovals) : RiskPolicy.RequiredApprovals;

    /// <summary>Takes up the policy state a continued execution hands over.</summary>
    private void ContinuePolicy(PlanContinuation continuation)
    {
        risk = continuation.Risk;
        planHash = continuation.PlanHash;
        escalatedApprovers = continuation.Approvers;
    }

    /// <summary>Hands the policy state over to a new execution.</summary>
    private void HandOverPolicy(PlanContinuation continuation)
    {
        continuation.Risk = risk;
        continuation.PlanHash = planHash;
        continuation.Approvers = escalatedApprovers;
    }

    /// <summary>Sets each step's risk (from the tools, in an activity) and makes the version the plan's, with its risk and hash.</summary>
    private async Task AdoptAsync(ExecutionPlan version)
    {
        List<ToolRisk> risks;
        try
        {
            risks = await context.CallActivityAsync<List<ToolRisk>>(nameof(AssessPlanActivity), version);
        }
        catch (TaskFailedException exception)
        {
            // Not knowing a step's risk is no reason to gate it less: every step is taken as destructive.
            LogAssessmentFailed(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, version.Version, exception.FailureDetails.ErrorMessage);
            risks = version.Steps.ConvertAll(_ => ToolRisk.Destructive);
        }

        for (var index = 0; index < version.Steps.Count; index++)
        {
            version.Steps[index].Risk = index < risks.Count ? risks[index] : ToolRisk.Destructive;
        }

        machine.Replace(version);
        risk = version.Steps.Count == 0 ? ToolRisk.Read : version.Steps.Max(step => step.Risk!.Value);
        planHash = PlanHash.Of(version);
    }

    /// <summary>Who has approved the current version, in order: one entry per approver (an unnamed caller is "").</summary>
    private List<string> ApprovalsReceived() =>
        [.. machine.Decisions
            .Where(d => d.Kind == DecisionKind.Approve && d.Outcome == DecisionOutcome.Applied && d.PlanVersion == Plan.Version && d.StepId is null)
            .Select(d => d.By ?? string.Empty)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The quorum as the view shows it, while it means something: from the first approval wait on.</summary>
    private PlanApprovals? ApprovalsView() => input.RequireApproval && risk is not null
        ? new PlanApprovals { Required = RequiredApprovals, Received = ApprovalsReceived().ConvertAll(by => by.Length > 0 ? by : "anonymous") }
        : null;

    /// <summary>Runs a version the policy lets run without approval (its risk needs none): recorded as approved by policy.</summary>
    private void ApproveByPolicy()
    {
        var name = (risk ?? ToolRisk.Write).ToWireName();
        var decision = new DecisionPayload { Version = Plan.Version, By = PolicyDecider, PlanHash = planHash };
        Record(DecisionKind.Approve, DecisionOutcome.Applied, decision, $"A {name} plan needs no approval (Approvals:Policy:{risk}:RequiredApprovals is 0).");
        machine.Fire(PlanTrigger.AutoApproved, Now);
        LogApproved(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, PolicyDecider);
    }

    /// <summary>
    /// Nobody decided on the version within <see cref="PlanOrchestrationInput.EscalateAfter"/>: the escalation approvers
    /// join the plan's approvers (when it names any; a plan anyone may approve stays so) and are notified. Recorded.
    /// </summary>
    private async Task EscalateAsync()
    {
        if (machine.Decisions.Any(d => d.PlanVersion == Plan.Version && d.Outcome == DecisionOutcome.Applied && d.Kind != DecisionKind.Escalate))
        {
            return;
        }

        var added = input.EscalationApprovers.Where(name => !Approvers.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (Approvers.Count > 0 && added.Count > 0)
        {
            escalatedApprovers = [.. Approvers, .. added];
        }

        var who = string.Join(", ", input.EscalationApprovers);
        var detail = added.Count == 0
            ? $"Nobody decided within {Durations.Format(input.EscalateAfter!.Value)}; {who} were approvers already and were notified."
            : $"Nobody decided within {Durations.Format(input.EscalateAfter!.Value)}; {string.Join(", ", added)} {(Approvers.Count > 0 ? "became approvers" : "were asked")} and were notified.";
        Record(DecisionKind.Escalate, DecisionOutcome.Applied, new DecisionPayload { Version = Plan.Version }, detail);
        LogEscalated(context.CreateReplaySafeLogger<PlanOrchestrator>(), context.InstanceId, Plan.Version, who);
        Publish();
        await NotifyAsync(NotificationKind.Escalated, input.EscalationApprovers);
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Plan {PlanId}: the risk of version {Version} could not be assessed, so every step counts as destructive: {Error}")]
    private static partial void LogAssessmentFailed(ILogger logger, string planId, int version, string error);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Plan {PlanId} version {Version}: approval escalated to {Approvers}")]
    private static partial void LogEscalated(ILogger logger, string planId, int version, string approvers);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Information, Message = "Plan {PlanId} version {Version}: approval {Received} of {Required} by {By}")]
    private static partial void LogApprovalCounted(ILogger logger, string planId, int version, int received, int required, string? by);
}
