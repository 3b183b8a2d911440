using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Approvals;

/// <summary>
/// The approval policy, one <see cref="RiskApprovalPolicy"/> per <see cref="ToolRisk"/>: configured under
/// <c>Approvals:Policy</c>, made tighter (never looser) by a request's own <c>policy</c>, and carried in the workflow's
/// input so a configuration change never alters a running plan.
/// </summary>
public sealed class PlanApprovalPolicy
{
    /// <summary>Plans whose steps only read.</summary>
    [JsonPropertyName("read")]
    public RiskApprovalPolicy Read { get; set; } = new();

    /// <summary>Plans with a step that writes.</summary>
    [JsonPropertyName("write")]
    public RiskApprovalPolicy Write { get; set; } = new();

    /// <summary>Plans with a destructive step.</summary>
    [JsonPropertyName("destructive")]
    public RiskApprovalPolicy Destructive { get; set; } = new();

    /// <summary>The policy of a risk.</summary>
    /// <param name="risk">The risk.</param>
    /// <returns>Its policy.</returns>
    public RiskApprovalPolicy For(ToolRisk risk) => risk switch
    {
        ToolRisk.Read => Read,
        ToolRisk.Destructive => Destructive,
        _ => Write,
    };

    /// <summary>
    /// This policy with each risk's self-approval settled (absent ones take <paramref name="allowSelfApproval"/>),
    /// tightened by <paramref name="request"/>: more approvals, a checkpoint, no self-approval.
    /// </summary>
    /// <param name="allowSelfApproval">The app-wide setting, <c>Approvals:AllowSelfApproval</c>.</param>
    /// <param name="request">A request's own policy, when it has one.</param>
    /// <returns>A new policy.</returns>
    public PlanApprovalPolicy Resolve(bool allowSelfApproval, ApprovalPolicyRequest? request = null)
    {
        RiskApprovalPolicy One(RiskApprovalPolicy configured, RiskPolicyRequest? asked) => new()
        {
            RequiredApprovals = Math.Max(configured.RequiredApprovals, asked?.RequiredApprovals ?? 0),
            AllowSelfApproval = (configured.AllowSelfApproval ?? allowSelfApproval) && asked?.AllowSelfApproval is not false,
            Checkpoint = configured.Checkpoint || asked?.Checkpoint == true,
        };

        return new()
        {
            Read = One(Read, request?.Read),
            Write = One(Write, request?.Write),
            Destructive = One(Destructive, request?.Destructive),
        };
    }

    /// <summary>
    /// Why a request's policy is looser than this (resolved) policy, or out of range, one sentence per setting; empty
    /// when it only tightens.
    /// </summary>
    /// <param name="request">The request's policy.</param>
    /// <returns>The reasons, each with the JSON path of its setting.</returns>
    public IEnumerable<(string Field, string Problem)> Loosening(ApprovalPolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var risk in Enum.GetValues<ToolRisk>())
        {
            var name = risk.ToWireName();
            var configured = For(risk);
            if (request.For(risk) is not { } asked)
            {
                continue;
            }

            if (asked.RequiredApprovals is < 0 or > RiskApprovalPolicy.MaxRequiredApprovals)
            {
                yield return ($"policy.{name}.requiredApprovals", $"must be between 0 and {RiskApprovalPolicy.MaxRequiredApprovals}.");
            }
            else if (asked.RequiredApprovals < configured.RequiredApprovals)
            {
                yield return ($"policy.{name}.requiredApprovals", $"is {asked.RequiredApprovals}, fewer than the {configured.RequiredApprovals} the app requires for {name} plans; a request may only ask for more.");
            }

            if (asked.AllowSelfApproval == true && configured.AllowSelfApproval != true)
            {
                yield return ($"policy.{name}.allowSelfApproval", $"cannot be turned on by a request: the app does not let requesters approve their own {name} plans.");
            }

            if (asked.Checkpoint == false && configured.Checkpoint)
            {
                yield return ($"policy.{name}.checkpoint", $"cannot be turned off by a request: the app puts a checkpoint before every {name} step.");
            }
        }
    }

    /// <summary>Creates a copy.</summary>
    /// <returns>The copy.</returns>
    public PlanApprovalPolicy Clone() => new() { Read = Read.Clone(), Write = Write.Clone(), Destructive = Destructive.Clone() };
}
