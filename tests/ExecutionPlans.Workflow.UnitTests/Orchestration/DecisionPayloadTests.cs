using System.Text.Json;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;

namespace ExecutionPlans.Workflow.UnitTests.Orchestration;

public sealed class DecisionPayloadTests
{
    [Fact]
    public void Parse_NoPayload_IsEmpty()
    {
        // Arrange
        var payload = default(JsonElement);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Same(DecisionPayload.Empty, decision);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Parse_TrivialPayload_IsEmpty(string json)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Same(DecisionPayload.Empty, decision);
        Assert.False(decision.Negated);
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void Parse_False_IsNegated()
    {
        // Arrange
        var payload = Json("false");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.True(decision.Negated);
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void Parse_PlainString_IsTheText()
    {
        // Arrange
        var payload = Json("\"Add a health check\"");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.Equal("Add a health check", decision.Text);
        Assert.Null(decision.Version);
        Assert.Null(decision.Problem);
    }

    [Theory]
    [InlineData("42", "number")]
    [InlineData("[1, 2]", "array")]
    public void Parse_OtherKinds_AreIgnoredWithAProblem(string json, string kind)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Contains(kind, decision.Problem, StringComparison.Ordinal);
        Assert.Null(decision.Text);
        Assert.Null(decision.Version);
    }

    [Fact]
    public void Parse_FullObject_ReadsEveryField()
    {
        // Arrange
        var payload = Json("""{"version": 3, "decisionId": "d-1", "by": "bob", "comment": "Go"}""");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal((3, "d-1", "bob", "Go"), (decision.Version, decision.DecisionId, decision.By, decision.Text));
        Assert.Null(decision.Problem);
        Assert.Null(decision.Plan);
        Assert.False(decision.Negated);
    }

    [Fact]
    public void Parse_EmptyObject_HasNothing()
    {
        // Arrange
        var payload = Json("{}");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal(DecisionPayload.Empty, decision);
    }

    [Theory]
    [InlineData("""{"version": 2}""", 2)]
    [InlineData("""{"version": "2"}""", 2)]
    [InlineData("""{"version": " 2 "}""", 2)]
    [InlineData("""{"Version": 2}""", 2)]
    [InlineData("""{"VERSION": "2"}""", 2)]
    [InlineData("""{"version": null}""", null)]
    public void Parse_Version_IsReadLeniently(string json, int? expected)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal(expected, decision.Version);
        Assert.Null(decision.Problem);
    }

    [Theory]
    [InlineData("""{"version": 1.5}""")]
    [InlineData("""{"version": "two"}""")]
    [InlineData("""{"version": 99999999999}""")]
    [InlineData("""{"version": true}""")]
    [InlineData("""{"version": {}}""")]
    public void Parse_UnreadableVersion_IsAProblem(string json)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Null(decision.Version);
        Assert.StartsWith("The version ", decision.Problem, StringComparison.Ordinal);
        Assert.EndsWith("is not a whole number.", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ApproverWithoutBy_IsWhoDecided()
    {
        // Arrange
        var payload = Json("""{"approver": "carol"}""");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal("carol", decision.By);
    }

    [Fact]
    public void Parse_ByAndApprover_PrefersBy()
    {
        // Arrange
        var payload = Json("""{"approver": "carol", "by": "bob"}""");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal("bob", decision.By);
    }

    [Theory]
    [InlineData("""{"feedback": "F", "comment": "C"}""", "F")]
    [InlineData("""{"comment": "C"}""", "C")]
    [InlineData("""{"feedback": "  ", "comment": "C"}""", "C")]
    [InlineData("""{"reason": "R"}""", null)]
    public void Parse_TextFields_AreTriedInOrder(string json, string? expected)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.Equal(expected, decision.Text);
    }

    [Theory]
    [InlineData("""{"decisionId": 42}""", "42")]
    [InlineData("""{"decisionId": true}""", "true")]
    [InlineData("""{"decisionId": ["a"]}""", null)]
    [InlineData("""{"decisionId": ""}""", null)]
    public void Parse_ScalarFields_AreReadAsText(string json, string? expected)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Approved, payload);

        // Assert
        Assert.Equal(expected, decision.DecisionId);
    }

    [Fact]
    public void Parse_ReplacementPlan_IsRead()
    {
        // Arrange
        var payload = Json("""
            {"by": "carol", "plan": {"description": "New", "steps": [
              {"id": "s1", "toolName": "echo", "parameters": {"text": "hi"}, "status": "succeeded"}]}}
            """);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.NotNull(decision.Plan);
        Assert.Equal("New", decision.Plan.Description);
        var step = Assert.Single(decision.Plan.Steps);
        Assert.Equal(("s1", "echo", "hi"), (step.Id, step.ToolName, step.Parameters["text"]!.GetValue<string>()));
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void Parse_UnreadablePlan_IsAProblem()
    {
        // Arrange
        var payload = Json("""{"plan": {"steps": "not a list"}}""");

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.Null(decision.Plan);
        Assert.StartsWith("The plan could not be read: ", decision.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"plan": "make it faster"}""")]
    [InlineData("""{"plan": null}""")]
    public void Parse_PlanThatIsNotAnObject_IsIgnored(string json)
    {
        // Arrange
        var payload = Json(json);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.Null(decision.Plan);
        Assert.Null(decision.Problem);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Read_UnknownEventName_Throws()
    {
        // Arrange
        var payload = Json("""{"feedback": "add a step"}""");

        // Act
        var error = Assert.Throws<ArgumentException>(() => DecisionPayload.Read("Approve", payload));

        // Assert
        Assert.Contains("'Approve' is not a decision event", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, PlanDecisionEvent, string?> ClientEvents() => new()
    {
        { PlanEvents.Approved, new ApprovedEvent { Version = 2, DecisionId = "d-1", By = "bob", Comment = "go" }, "go" },
        { PlanEvents.Modify, new ModifyEvent { Version = 3, DecisionId = "d-2", By = "carol", Feedback = "add a health check" }, "add a health check" },
        { PlanEvents.Rejected, new RejectedEvent { Version = 1, DecisionId = "d-3", By = "dave", Reason = "too risky" }, "too risky" },
        { PlanEvents.Cancel, new CancelEvent { By = "erin", Reason = "stop" }, "stop" },
    };

    [Theory]
    [MemberData(nameof(ClientEvents))]
    public void Read_TheClientsEventRecord_ReadsEveryField(string eventName, PlanDecisionEvent raised, string? text)
    {
        // Arrange: the payload as the Durable client sends the record.
        var payload = Json(Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(raised)!);

        // Act
        var decision = DecisionPayload.Read(eventName, payload);

        // Assert
        Assert.Equal((raised.Version, raised.DecisionId, raised.By, text), (decision.Version, decision.DecisionId, decision.By, decision.Text));
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void Read_ModifyRecordWithAPlan_ReadsThePlan()
    {
        // Arrange
        var raised = new ModifyEvent { Version = 1, By = "bob", Plan = TestPlans.PlanOf("s1", "s2") };
        var payload = Json(Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(raised)!);

        // Act
        var decision = DecisionPayload.Read(PlanEvents.Modify, payload);

        // Assert
        Assert.Equal(["s1", "s2"], decision.Plan!.Steps.Select(step => step.Id));
        Assert.Null(decision.Text);
    }
}
