using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Activities;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Notifications;

namespace ExecutionPlans.Workflow.Orchestration;

/// <summary>
/// Steps of the built-in <c>notify</c> tool: the workflow sends the step's message to the plan's approvers through
/// each configured channel (one notification activity per channel, as for approval requests). The step succeeds when
/// a channel took the message and says which; it fails when there is no channel or none took it.
/// </summary>
internal sealed partial class PlanWorkflowRun
{
    private async Task<StepResult> SendMessageAsync(int index, JsonObject parameters)
    {
        var startedAt = Now;
        var stepId = Plan.Steps[index].Id;
        var result = !NotifyTool.TryReadMessage(parameters, out var message, out var error) ? new StepResult(false, null, error)
            : !HasNotificationChannels ? new StepResult(false, null, NotifyTool.NoChannel)
            : await DeliverAsync(stepId, message);
        return RecordOnlyAttempt(index, startedAt, result);
    }

    private async Task<StepResult> DeliverAsync(string stepId, string message)
    {
        var notification = ApprovalNotification.FromView(NotificationKind.Message, CurrentView()) with
        {
            StepId = stepId,
            Message = message,
            Approvers = [.. Approvers],
        };
        var records = await SendAsync(notification);
        var delivered = records.Where(r => r.Delivered).Select(r => $"{r.Channel}: {r.Detail}").ToList();
        var failed = records.Where(r => !r.Delivered).Select(r => $"{r.Channel}: {r.Detail}").ToList();
        var to = Approvers.Count > 0 ? $"the approvers ({string.Join(", ", Approvers)})" : "the plan's channels (the plan names no approvers)";
        return delivered.Count == 0
            ? new StepResult(false, null, $"The message could not be sent to {to}: {string.Join("; ", failed)}")
            : new StepResult(true, $"Sent the message to {to}. {string.Join(" ", delivered)}" + (failed.Count > 0 ? $" Not sent through {string.Join("; ", failed)}" : string.Empty), null);
    }
}
