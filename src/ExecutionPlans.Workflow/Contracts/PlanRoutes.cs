namespace ExecutionPlans.Workflow.Contracts;

/// <summary>
/// The routes of the plan API, defined once: the self-hosted server maps them under <see cref="Prefix"/>, the
/// Functions app's triggers declare them (the Functions host adds the same prefix), and links point at them.
/// </summary>
public static class PlanRoutes
{
    /// <summary>The prefix both hosts serve the API under.</summary>
    public const string Prefix = "/api";

    /// <summary>Create and list plans.</summary>
    public const string Plans = "plans";

    /// <summary>Read or delete one plan.</summary>
    public const string Plan = "plans/{id}";

    /// <summary>Approve a plan.</summary>
    public const string Approve = "plans/{id}/approve";

    /// <summary>Ask for changes to a plan.</summary>
    public const string Modify = "plans/{id}/modify";

    /// <summary>Reject a plan.</summary>
    public const string Reject = "plans/{id}/reject";

    /// <summary>Run a failed plan's failed and skipped steps again.</summary>
    public const string Retry = "plans/{id}/retry";

    /// <summary>Confirm a step held at its checkpoint.</summary>
    public const string ApproveStep = "plans/{id}/steps/{stepId}/approve";

    /// <summary>Skip a step held at its checkpoint, with the steps that depend on it.</summary>
    public const string SkipStep = "plans/{id}/steps/{stepId}/skip";

    /// <summary>Reject a step held at its checkpoint: the plan ends cancelled.</summary>
    public const string RejectStep = "plans/{id}/steps/{stepId}/reject";

    /// <summary>What awaits the caller's decision: plans and steps at their checkpoints.</summary>
    public const string Approvals = "approvals";

    /// <summary>Cancel a plan.</summary>
    public const string Cancel = "plans/{id}/cancel";

    /// <summary>The review page of a signed link, and its form post.</summary>
    public const string Review = "plans/{id}/review";

    /// <summary>The tool catalog.</summary>
    public const string Tools = "tools";

    /// <summary>The path of one plan, <c>/api/plans/{id}</c>, with the id escaped.</summary>
    /// <param name="id">The plan's id.</param>
    /// <returns>The path.</returns>
    public static string PlanPath(string id) => $"{Prefix}/{Plan.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal)}";

    /// <summary>The path that approves a plan (<c>/api/plans/{id}/approve</c>) or confirms one of its held steps.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="stepId">The step, for a step held at its checkpoint.</param>
    /// <returns>The path, with the ids escaped.</returns>
    public static string ApprovePath(string id, string? stepId = null) => stepId is null
        ? $"{Prefix}/{Approve.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal)}"
        : $"{Prefix}/{ApproveStep.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal).Replace("{stepId}", Uri.EscapeDataString(stepId), StringComparison.Ordinal)}";

    /// <summary>The path of a plan's review page, <c>/api/plans/{id}/review</c>, with the id escaped.</summary>
    /// <param name="id">The plan's id.</param>
    /// <returns>The path.</returns>
    public static string ReviewPath(string id) => $"{Prefix}/{Review.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal)}";

    /// <summary>
    /// An app path under the app's public address, keeping the address's own path (<c>https://host/plans/</c> and
    /// <c>/api/plans/1</c> give <c>https://host/plans/api/plans/1</c>).
    /// </summary>
    /// <param name="root">The app's public address.</param>
    /// <param name="pathAndQuery">A path from <see cref="PlanPath"/>, <see cref="ReviewPath"/>, …, with its query if any.</param>
    /// <returns>The absolute URL.</returns>
    public static Uri Absolute(Uri root, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new Uri(root, $"{root.AbsolutePath.TrimEnd('/')}{pathAndQuery}");
    }
}
