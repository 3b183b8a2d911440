using ExecutionPlans.Planning;

namespace ExecutionPlans.UnitTests.Planning;

public class PlanAnswerParserTests
{
    [Fact]
    public void Parse_LenientJson_ReadsCaseInsensitiveNamesCommentsAndTrailingCommas()
    {
        const string Answer = """
            {
              // the plan
              "Description": "d",
              "STEPS": [ { "ID": "a", "ToolName": "t", "parameters": { "x": 1, }, }, ],
            }
            """;

        var answer = PlanAnswerParser.Parse(Answer);

        Assert.Null(answer.ParseError);
        Assert.Equal("d", answer.Description);
        var step = Assert.Single(answer.Steps);
        Assert.Equal(("a", "t", string.Empty, string.Empty), (step.Id, step.ToolName, step.Description, step.Input));
        Assert.Equal(1, step.Parameters["x"]!.GetValue<int>());
    }

    [Fact]
    public void Parse_MissingOrNullParameters_GivesEmptyObject()
    {
        var answer = PlanAnswerParser.Parse("""{"steps":[{"id":"s1","toolName":"t"},{"id":"s2","toolName":"t","parameters":null}]}""");

        Assert.Null(answer.ParseError);
        Assert.All(answer.Steps, s => Assert.Empty(s.Parameters));
    }

    [Fact]
    public void ExtractJson_SeveralFences_TakesFirstFenceHoldingAnObject()
    {
        const string Answer = "Run this first:\n```bash\necho {hi}\n```\nThen the plan:\n```json\n{\"steps\":[]}\n```\n";

        var json = PlanAnswerParser.ExtractJson(Answer);

        Assert.Equal("{\"steps\":[]}", json);
    }

    [Theory]
    [InlineData("", "The answer was empty")]
    [InlineData("I cannot plan that.", "The answer is not valid JSON")]
    [InlineData("[1, 2]", "The answer is not a JSON object")]
    [InlineData("""{"description": 5, "steps": []}""", "\"description\" must be a string")]
    [InlineData("""{"description": "d"}""", "The plan has no \"steps\" array")]
    [InlineData("""{"steps": [42]}""", "Step 1 is not a JSON object")]
    [InlineData("""{"steps": [{"id": 7, "toolName": "t"}]}""", "Step 1: \"id\" must be a string")]
    [InlineData("""{"steps": [{"id": "s1", "toolName": "t", "parameters": "{\"x\":1}"}]}""", "Step 1: \"parameters\" must be a JSON object")]
    public void Parse_UnusableAnswer_ExplainsWhy(string text, string expected)
    {
        var answer = PlanAnswerParser.Parse(text);

        Assert.NotNull(answer.ParseError);
        Assert.Contains(expected, answer.ParseError, StringComparison.Ordinal);
        Assert.Empty(answer.Steps);
    }
}
