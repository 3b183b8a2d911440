using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace ExecutionPlans.Http.Plans;

/// <summary>The inbox endpoint: what awaits the caller's decision.</summary>
public static partial class PlansApi
{
    /// <summary>
    /// <c>GET /api/approvals[?approver=][&amp;continuationToken=]</c>: the plans awaiting the caller's approval and the
    /// steps awaiting their confirmation, most urgent first. The caller comes from authentication; <c>approver</c>
    /// names someone else, for callers in <c>Approvals:Operators</c> (or anonymous ones, where the host allows them).
    /// </summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="client">The host's Durable Task client.</param>
    /// <param name="services">The endpoints' services.</param>
    /// <returns>200, 400, or 403 for another approver's inbox.</returns>
    public static async Task<Results<Ok<PendingDecisions>, ValidationProblem, ProblemHttpResult>> ListApprovalsAsync(HttpRequest request, DurableTaskClient client, PlanApiServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var caller = Caller(request, services);
        var errors = new Dictionary<string, string[]>();
        var approver = caller;
        if (request.Query[QueryNames.Approver] is { Count: > 0 } named && !string.IsNullOrWhiteSpace(named))
        {
            approver = named.ToString().Trim();
            if (approver.Length > PlanLimits.MaxApproverChars)
            {
                errors[QueryNames.Approver] = [$"An approver's name has at most {PlanLimits.MaxApproverChars} characters; this one has {approver.Length}."];
            }
        }

        var token = request.Query[QueryNames.ContinuationToken].ToString();
        if (token.Length > 0 && !PlanPageToken.TryUnwrap(token, out _))
        {
            errors[QueryNames.ContinuationToken] = ["The continuation token was not issued by this list; pass back the continuationToken of an answer as it came."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "The query is not valid; see 'errors'.");
        }

        if (caller is not null
            && !string.Equals(approver, caller, StringComparison.OrdinalIgnoreCase)
            && !services.Approvals.Operators.Contains(caller, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Forbidden($"{caller} may read their own inbox only; reading {approver}'s needs {caller} in Approvals:Operators.");
        }

        var pending = await services.CreatePlanService(client).ListPendingAsync(approver, token.Length > 0 ? token : null, request.HttpContext.RequestAborted);
        return TypedResults.Ok(pending);
    }
}
