namespace ExecutionPlans.Testing;

/// <summary>One call a <see cref="StepEndpoint"/> received.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Number">The how-manyth call of that path, from 1.</param>
/// <param name="CallId">A unique id, echoed in the answer, so a step's output tells which call produced it.</param>
/// <param name="At">When the call arrived.</param>
/// <param name="Body">The request body, as text (empty when there was none).</param>
/// <param name="IdempotencyKey">The request's <c>Idempotency-Key</c> header, if it had one.</param>
public sealed record StepCall(string Path, int Number, string CallId, DateTimeOffset At, string Body = "", string? IdempotencyKey = null);
