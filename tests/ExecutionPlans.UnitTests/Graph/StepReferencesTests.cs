using System.Text.Json.Nodes;
using ExecutionPlans.Graph;

namespace ExecutionPlans.UnitTests.Graph;

public sealed class StepReferencesTests
{
    private const string PodsOutput = """{"status": 200, "json": {"items": [{"name": "api-1", "replicas": 3, "ready": true}], "region": "westeurope"}}""";

    [Fact]
    public void Resolve_WholeValueReference_KeepsTheJsonType()
    {
        // Arrange
        var parameters = new JsonObject
        {
            ["replicas"] = "{{steps.pods.output.json.items[0].replicas}}",
            ["ready"] = "{{steps.pods.output.json.items[0].ready}}",
            ["first"] = "{{ steps.pods.output.json.items[0] }}",
        };

        // Act
        var (resolved, error) = StepReferences.Resolve(parameters, Outputs);

        // Assert
        Assert.Null(error);
        Assert.Equal(3, resolved!["replicas"]!.GetValue<int>());
        Assert.True(resolved["ready"]!.GetValue<bool>());
        Assert.Equal("api-1", resolved["first"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_ReferenceInsideText_InterpolatesTextAndJson()
    {
        // Arrange
        var parameters = new JsonObject
        {
            ["url"] = "https://ops.example.com/{{steps.pods.output.json.region}}/restart?pod={{steps.pods.output.json.items[0].name}}",
            ["note"] = "items: {{steps.pods.output.json.items}}",
        };

        // Act
        var (resolved, error) = StepReferences.Resolve(parameters, Outputs);

        // Assert
        Assert.Null(error);
        Assert.Equal("https://ops.example.com/westeurope/restart?pod=api-1", resolved!["url"]!.GetValue<string>());
        Assert.Equal("""items: [{"name":"api-1","replicas":3,"ready":true}]""", resolved["note"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_WholeOutput_IsTheOutputText()
    {
        // Arrange
        var parameters = new JsonObject { ["body"] = "{{steps.pods.output}}", ["nested"] = new JsonArray("{{steps.pods.output}}") };

        // Act
        var (resolved, _) = StepReferences.Resolve(parameters, Outputs);

        // Assert
        Assert.Equal(PodsOutput, resolved!["body"]!.GetValue<string>());
        Assert.Equal(PodsOutput, resolved["nested"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_EscapedBraces_AreLiteral()
    {
        // Arrange
        var parameters = new JsonObject { ["template"] = "\\{{steps.pods.output}} stays as written" };

        // Act
        var (resolved, error) = StepReferences.Resolve(parameters, Outputs);

        // Assert
        Assert.Null(error);
        Assert.Equal("{{steps.pods.output}} stays as written", resolved!["template"]!.GetValue<string>());
        Assert.Empty(StepReferences.Find(parameters).References);
    }

    [Theory]
    [InlineData("{{steps.pods.output.json.items[5].name}}", "'pods.output.json.items' has no item [5]")]
    [InlineData("{{steps.pods.output.json.missing}}", "'pods.output.json' has no property 'missing'")]
    [InlineData("{{steps.text.output.json}}", "is not JSON")]
    [InlineData("{{steps.none.output}}", "step 'none' has no output")]
    public void Resolve_PathThatDoesNotResolve_SaysWhere(string value, string expected)
    {
        // Arrange
        var parameters = new JsonObject { ["x"] = value };

        // Act
        var (resolved, error) = StepReferences.Resolve(parameters, Outputs);

        // Assert
        Assert.Null(resolved);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{steps.pods}}")]
    [InlineData("{{ pods.output }}")]
    [InlineData("start {{steps.pods.output")]
    [InlineData("{{steps.pods.output.items[x]}}")]
    public void Find_Malformed_IsAProblemNotAReference(string value)
    {
        // Act
        var (references, problems) = StepReferences.Find(new JsonObject { ["x"] = value });

        // Assert
        Assert.Empty(references);
        var (pointer, problem) = Assert.Single(problems);
        Assert.Equal("/x", pointer);
        Assert.Matches("is not a reference|never closes it", problem);
    }

    [Fact]
    public void Find_References_NameTheStepPathAndPointer()
    {
        // Act
        var (references, _) = StepReferences.Find(new JsonObject { ["a"] = new JsonObject { ["b"] = "{{steps.s-1.output.json.items[0].name}}" } });

        // Assert
        var (pointer, reference, whole) = Assert.Single(references);
        Assert.Equal(("/a/b", "s-1", true, "s-1.output.json.items[0].name"), (pointer, reference.StepId, whole, reference.Source));
    }

    [Fact]
    public void SourcesByParameter_NameWithASlash_IsListedUnderItsOwnName()
    {
        // Act: JSON pointers escape "/" as "~1"; the sources are keyed by the parameter's real name.
        var sources = StepReferences.SourcesByParameter(new JsonObject
        {
            ["a/b"] = "{{steps.pods.output.json.region}}",
            ["nested"] = new JsonObject { ["x"] = "{{steps.pods.output}} and {{steps.text.output}}" },
            ["plain"] = "no reference",
        });

        // Assert
        Assert.Equal(
            new Dictionary<string, string> { ["a/b"] = "pods.output.json.region", ["nested"] = "pods.output, text.output" },
            sources);
    }

    [Fact]
    public void WithoutWholeReferences_NullsOnlyValuesThatAreOneReference()
    {
        // Act
        var stripped = StepReferences.WithoutWholeReferences(new JsonObject
        {
            ["count"] = "{{steps.pods.output.json.items[0].replicas}}",
            ["text"] = "pod {{steps.pods.output.json.items[0].name}}",
            ["list"] = new JsonArray("{{steps.pods.output}}", 2),
        });

        // Assert
        Assert.Null(stripped["count"]);
        Assert.True(stripped.ContainsKey("count"));
        Assert.Equal("pod {{steps.pods.output.json.items[0].name}}", stripped["text"]!.GetValue<string>());
        Assert.Null(stripped["list"]![0]);
        Assert.Equal(2, stripped["list"]![1]!.GetValue<int>());
    }

    private static string? Outputs(string stepId) => stepId switch
    {
        "pods" => PodsOutput,
        "text" => "plain text",
        _ => null,
    };
}
