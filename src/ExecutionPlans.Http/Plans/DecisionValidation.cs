using ExecutionPlans.Model;
using ExecutionPlans.Tools;

namespace ExecutionPlans.Http.Plans;

/// <summary>Checks the body of a decision route against the fields that route takes.</summary>
internal static class DecisionValidation
{
    public static Dictionary<string, string[]> Validate(string action, DecisionBody body, string[] allowedFields, ToolCatalog catalog)
    {
        var errors = new ValidationErrors();
        var given = new (string Field, bool Present)[]
        {
            ("version", body.Version is not null),
            ("decisionId", body.DecisionId is not null),
            ("comment", body.Comment is not null),
            ("feedback", body.Feedback is not null),
            ("plan", body.Plan is not null),
            ("reason", body.Reason is not null),
            ("planHash", body.PlanHash is not null),
        };
        foreach (var (field, _) in given.Where(g => g.Present && !allowedFields.Contains(g.Field)))
        {
            errors.Add(field, $"'{action}' does not take '{field}'; it takes {string.Join(", ", allowedFields)}.");
        }

        if (body.PlanHash is { } hash && !PlanHash.IsHash(hash))
        {
            errors.Add("planHash", $"'{PlanLimits.Shown(hash)}' is not a plan hash: it is the {PlanHash.Length} hex digits of the view's 'planHash'.");
        }

        if (body.Version is < 1)
        {
            errors.Add("version", "The version must be 1 or more.");
        }

        foreach (var (field, text) in new[] { ("comment", body.Comment), ("feedback", body.Feedback), ("reason", body.Reason) })
        {
            if (text is { Length: > PlanLimits.MaxDecisionTextChars })
            {
                errors.Add(field, $"The {field} has {text.Length} characters; at most {PlanLimits.MaxDecisionTextChars} are accepted.");
            }
        }

        if (body.DecisionId is { Length: > PlanLimits.MaxDecisionIdChars })
        {
            errors.Add("decisionId", $"The decision id has {body.DecisionId.Length} characters; at most {PlanLimits.MaxDecisionIdChars} are accepted.");
        }

        if (action == "modify")
        {
            if (string.IsNullOrWhiteSpace(body.Feedback) && body.Plan is null)
            {
                errors.Add("feedback", "A modification needs 'feedback' (what to change) or 'plan' (the replacement plan).");
            }

            if (body.Plan is { } plan)
            {
                errors.AddPlanErrors("plan", plan, catalog);
            }
        }

        return errors.ToDictionary();
    }
}
