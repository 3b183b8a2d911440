using System.Text.Json.Serialization;
using ExecutionPlans.Model;

namespace ExecutionPlans.Workflow.Activities;

/// <summary>The input of <see cref="ExecuteStepActivity"/>.</summary>
/// <param name="PlanId">The plan the step belongs to, for logs.</param>
/// <param name="Step">The step to run, its references filled in.</param>
/// <param name="Version">The plan version the step runs in.</param>
/// <param name="Attempt">Which attempt this is, from 1.</param>
public sealed record ExecuteStepRequest(
    [property: JsonPropertyName("planId")] string PlanId,
    [property: JsonPropertyName("step")] ExecutionStep Step,
    [property: JsonPropertyName("version")] int Version = 0,
    [property: JsonPropertyName("attempt")] int Attempt = 1);
