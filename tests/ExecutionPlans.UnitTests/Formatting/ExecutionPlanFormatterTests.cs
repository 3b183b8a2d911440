using System.Text.Json.Nodes;
using ExecutionPlans.Formatting;
using ExecutionPlans.Model;
using ExecutionPlans.Testing;
using ExecutionPlans.UnitTests.TestSupport;

namespace ExecutionPlans.UnitTests.Formatting;

public class ExecutionPlanFormatterTests
{
    private static ExecutionPlan PendingPlan() => new()
    {
        TaskId = "task-42",
        Description = "Restart the API, then purge the CDN",
        Status = PlanStatus.PendingApproval,
        CreatedAt = TestPlans.Created,
        UpdatedAt = TestPlans.Created,
        Steps =
        [
            new ExecutionStep
            {
                Id = "s1",
                ToolName = "http_request",
                Description = "Restart the API",
                Input = "POST the restart endpoint",
                Parameters = new JsonObject
                {
                    ["url"] = "https://ops.example.com/restart",
                    ["method"] = "POST",
                    ["retries"] = 3,
                    ["headers"] = new JsonObject { ["X-Reason"] = "deploy" },
                    ["Body"] = null,
                },
            },
            new ExecutionStep { Id = "s2", ToolName = "purge_cdn", Description = "Purge the CDN", Input = "everything" },
        ],
    };

    [Fact]
    public void FormatExecutionPlan_PendingPlan_WritesTheExactMarkdown()
    {
        var plan = PendingPlan();

        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);

        const string Expected =
            "# Execution Plan: Restart the API, then purge the CDN\n" +
            "Task ID: task-42\n" +
            "Status: pending_approval\n" +
            "\n" +
            "## Step 1: Restart the API\n" +
            "Tool: http_request\n" +
            "Input: POST the restart endpoint\n" +
            "Parameters:\n" +
            "- Body: null\n" +
            "- headers: {\"X-Reason\":\"deploy\"}\n" +
            "- method: POST\n" +
            "- retries: 3\n" +
            "- url: https://ops.example.com/restart\n" +
            "\n" +
            "## Step 2: Purge the CDN\n" +
            "Tool: purge_cdn\n" +
            "Input: everything\n" +
            "Parameters: none";
        Assert.Equal(Expected, markdown);
    }

    [Fact]
    public void FormatExecutionPlan_ExecutedPlan_WritesStepStatusOutputAndErrors()
    {
        var plan = PendingPlan();
        plan.Status = PlanStatus.Failed;
        plan.Error = "Step 2 ('s2') failed: timeout";
        plan.Steps[0].Parameters = new JsonObject { ["n"] = 1 };
        plan.Steps[0].Status = StepStatus.Succeeded;
        plan.Steps[0].Output = "line one\r\nline two";
        plan.Steps[0].OutputTruncated = true;
        plan.Steps[1].Status = StepStatus.Failed;
        plan.Steps[1].Error = "timeout";
        plan.Steps[1].Input = string.Empty;

        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);

        const string Expected =
            "# Execution Plan: Restart the API, then purge the CDN\n" +
            "Task ID: task-42\n" +
            "Status: failed\n" +
            "Error: Step 2 ('s2') failed: timeout\n" +
            "\n" +
            "## Step 1: Restart the API\n" +
            "Tool: http_request\n" +
            "Input: POST the restart endpoint\n" +
            "Parameters:\n" +
            "- n: 1\n" +
            "Status: succeeded\n" +
            "Output (truncated): line one\nline two\n" +
            "\n" +
            "## Step 2: Purge the CDN\n" +
            "Tool: purge_cdn\n" +
            "Input:\n" +
            "Parameters: none\n" +
            "Status: failed\n" +
            "Error: timeout";
        Assert.Equal(Expected, markdown);
    }

    [Fact]
    public void FormatExecutionPlan_AnyPlan_HasTheOriginalFormatsParts()
    {
        var plan = PendingPlan();

        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);

        Assert.StartsWith("# Execution Plan: ", markdown, StringComparison.Ordinal);
        Assert.Contains("\nTask ID: task-42\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Step 1: ", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Step 2: ", markdown, StringComparison.Ordinal);
        Assert.Contains("\nTool: http_request\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\nInput: POST the restart endpoint\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\nParameters:\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n- method: POST\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatExecutionPlan_ParametersInAnyInsertionOrder_ListsThemByOrdinalName()
    {
        var first = PendingPlan();
        first.Steps[0].Parameters = new JsonObject { ["b"] = 2, ["a"] = 1, ["B"] = 3, ["_"] = 0 };
        var second = PendingPlan();
        second.Steps[0].Parameters = new JsonObject { ["_"] = 0, ["B"] = 3, ["a"] = 1, ["b"] = 2 };

        var firstMarkdown = ExecutionPlanFormatter.FormatExecutionPlan(first);
        var secondMarkdown = ExecutionPlanFormatter.FormatExecutionPlan(second);

        Assert.Equal(firstMarkdown, secondMarkdown);
        Assert.Contains("Parameters:\n- B: 3\n- _: 0\n- a: 1\n- b: 2\n", firstMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatExecutionPlan_NonStringValues_WritesCompactJsonAndStringsRaw()
    {
        var plan = PendingPlan();
        plan.Steps[0].Parameters = JsonNode.Parse("""{"text":"\"quoted\" café","flag":false,"list":[1, "two", null],"ratio":0.5}""")!.AsObject();

        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);

        Assert.Contains(
            "Parameters:\n- flag: false\n- list: [1,\"two\",null]\n- ratio: 0.5\n- text: \"quoted\" café\n",
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void FormatExecutionPlan_Graph_SaysWhatEachStepRunsAfterWhenItIsNotTheStepBefore()
    {
        // Arrange: s2 starts at once; s3 reads s1 (so it runs after s2, the step before it, and s1); s4 follows s3.
        var plan = TestPlans.PlanOf("s1", "s2", "s3", "s4");
        plan.Steps[1].DependsOn = [];
        plan.Steps[2].Parameters["text"] = "{{steps.s1.output}}";

        // Act
        var markdown = ExecutionPlanFormatter.FormatExecutionPlan(plan);

        // Assert
        var runsAfter = markdown.Split('\n').Where(line => line.StartsWith("Runs after:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Runs after: none (may start at once)", "Runs after: s1, s2"], runsAfter);
    }
}
