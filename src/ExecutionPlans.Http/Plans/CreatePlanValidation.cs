using ExecutionPlans.Http.Review;
using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Http.Plans;

/// <summary>Checks a <see cref="CreatePlanRequest"/> and turns it into the workflow's input.</summary>
internal static class CreatePlanValidation
{
    public static (PlanOrchestrationInput Input, Dictionary<string, string[]> Errors) Validate(CreatePlanRequest body, PlanApiServices services)
    {
        var errors = new ValidationErrors();
        var hasInput = !string.IsNullOrWhiteSpace(body.Input);
        if (hasInput == (body.Plan is not null))
        {
            errors.Add("input", "Give either 'input' (a request for the model to plan) or 'plan' (a plan as written), not both and not neither.");
        }
        else if (hasInput && body.Input!.Length > PlansApi.MaxInputChars)
        {
            errors.Add("input", $"The input has {body.Input.Length} characters; at most {PlansApi.MaxInputChars} are accepted.");
        }

        if (body.Plan is { } plan)
        {
            errors.AddPlanErrors("plan", plan, services.Catalog);
        }

        var timeout = services.Approvals.DefaultTimeout;
        if (body.ApprovalTimeout is not null && !ApprovalOptions.TryParseDuration(body.ApprovalTimeout, out timeout))
        {
            errors.Add("approvalTimeout", $"'{PlanLimits.Shown(body.ApprovalTimeout)}' is not a positive ISO 8601 duration (PT30M, P3D) or TimeSpan (00:30:00).");
        }
        else if (timeout > ApprovalOptions.MaxTimeout)
        {
            errors.Add("approvalTimeout", $"'{PlanLimits.Shown(body.ApprovalTimeout ?? string.Empty)}' is longer than a plan may wait for approval; at most {ApprovalOptions.MaxTimeout.TotalDays:0} days (P{ApprovalOptions.MaxTimeout.TotalDays:0}D).");
        }

        // Only the request's own list is checked: a blank configured default (an empty list entry in the settings)
        // is not the caller's fault, and blanks are dropped below either way.
        var approvers = body.Approvers ?? services.Approvals.DefaultApprovers;
        if (body.Approvers?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add("approvers", "Approvers must not be blank.");
        }

        if (body.Approvers is { Count: > PlanLimits.MaxApprovers } many)
        {
            errors.Add("approvers", $"The plan names {many.Count} approvers; at most {PlanLimits.MaxApprovers} are accepted.");
        }

        if (body.Approvers?.FirstOrDefault(a => a?.Trim().Length > PlanLimits.MaxApproverChars) is { } longName)
        {
            errors.Add("approvers", $"The approver '{PlanLimits.Shown(longName)}' has {longName.Trim().Length} characters; at most {PlanLimits.MaxApproverChars} are accepted.");
        }

        var configured = services.Approvals.Policy.Resolve(services.Approvals.AllowSelfApproval);
        if (body.Policy is { } asked)
        {
            foreach (var (field, problem) in configured.Loosening(asked))
            {
                errors.Add(field, $"'{field}' {problem}");
            }
        }

        var input = new PlanOrchestrationInput
        {
            Input = hasInput ? body.Input!.Trim() : null,
            Plan = body.Plan,
            RequireApproval = body.RequireApproval ?? true,
            ApprovalTimeout = timeout,
            Approvers = [.. approvers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            AllowSelfApproval = services.Approvals.AllowSelfApproval,
            Policy = services.Approvals.Policy.Resolve(services.Approvals.AllowSelfApproval, body.Policy),
            EscalateAfter = services.Approvals.EscalationDelay,
            EscalationApprovers = services.Approvals.EscalationDelay is null ? [] : [.. services.Approvals.EscalationApprovers.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())],
            NotificationChannels = [.. services.NotificationChannels],
            MaxModifyRounds = services.Workflow.MaxModifyRounds,
            MaxParallelSteps = services.Execution.MaxParallelSteps,
            RecoveryWindow = services.Execution.RecoveryWindow,
        };
        return (input, errors.ToDictionary());
    }

    /// <summary>
    /// Whether the named approvers can meet the quorums of a given plan: its risk's for the plan, and each checkpoint's
    /// (the requester does not count unless self-approval does; escalation approvers count, they may join). A plan
    /// anyone may approve, or a request in words (its steps are not known yet), always can.
    /// </summary>
    /// <param name="input">The workflow's input, with its requester.</param>
    /// <param name="catalog">The tools, for each step's risk.</param>
    /// <returns>The errors; empty when the quorums can be met.</returns>
    public static Dictionary<string, string[]> QuorumErrors(PlanOrchestrationInput input, ToolCatalog catalog)
    {
        var errors = new ValidationErrors();
        if (input.Plan is not { Steps.Count: > 0 } plan || input.Approvers.Count == 0 || input.Policy is not { } policy)
        {
            return errors.ToDictionary();
        }

        var risks = plan.Steps.ConvertAll(catalog.RiskOf);
        var risk = risks.Max();
        var needs = new List<(string What, RiskApprovalPolicy Policy, int Quorum)>();
        if (input.RequireApproval)
        {
            needs.Add(($"the plan ({risk.ToWireName()})", policy.For(risk), policy.For(risk).RequiredApprovals));
        }

        for (var index = 0; index < plan.Steps.Count; index++)
        {
            var stepPolicy = policy.For(risks[index]);
            if (plan.Steps[index].Checkpoint || stepPolicy.Checkpoint)
            {
                needs.Add(($"the checkpoint of step '{plan.Steps[index].Id}' ({risks[index].ToString().ToLowerInvariant()})", stepPolicy, Math.Max(1, stepPolicy.RequiredApprovals)));
            }
        }

        foreach (var (what, riskPolicy, quorum) in needs)
        {
            var counted = input.Approvers.Concat(input.EscalationApprovers)
                .Where(name => (riskPolicy.AllowSelfApproval ?? input.AllowSelfApproval) || !string.Equals(name, input.RequestedBy, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Count();
            if (counted < quorum)
            {
                var self = input.RequestedBy is not null && input.Approvers.Contains(input.RequestedBy, StringComparer.OrdinalIgnoreCase) ? $" ({input.RequestedBy} requested the plan and does not count)" : string.Empty;
                errors.Add("approvers", $"{char.ToUpperInvariant(what[0])}{what[1..]} needs {quorum} distinct approvers, but only {counted} of the approvers named can approve it{self}: name more approvers.");
                break;
            }
        }

        return errors.ToDictionary();
    }
}
