using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ExecutionPlans.Functions;

/// <summary>Runs a minimal-API <see cref="IResult"/> as the <see cref="IActionResult"/> Functions HTTP triggers return.</summary>
/// <param name="result">The result of the shared endpoint logic.</param>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result.ExecuteAsync(context.HttpContext);
    }
}
