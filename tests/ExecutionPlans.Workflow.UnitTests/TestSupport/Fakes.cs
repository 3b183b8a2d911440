using ExecutionPlans.Model;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow.Activities;

namespace ExecutionPlans.Workflow.UnitTests.TestSupport;

/// <summary>Orchestration contexts that answer the workflow's activities the usual way.</summary>
internal static class Fakes
{
    /// <summary>A fake whose validation passes, whose steps all write, whose versions save and whose steps succeed with "output of {id}".</summary>
    public static OrchestrationContextFake Context()
    {
        var fake = new OrchestrationContextFake();
        fake.Reply(nameof(ValidatePlanActivity), _ => new List<PlanValidationError>());
        fake.Reply(nameof(AssessPlanActivity), call => call.Input<ExecutionPlan>().Steps.ConvertAll(_ => ToolRisk.Write));
        fake.Reply(nameof(ExecuteStepActivity), call => Succeeded(call));
        fake.Reply(nameof(SavePlanVersionActivity), _ => true);
        return fake;
    }

    public static StepResult Succeeded(FakeActivityCall call) =>
        new(true, $"output of {call.Input<ExecuteStepRequest>().Step.Id}", null);
}
