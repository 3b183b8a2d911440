using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Tools;
using Microsoft.Extensions.AI;

namespace ExecutionPlans.UnitTests.Tools;

public class PlanToolTests
{
    [Fact]
    public void Create_Method_TakesNameDescriptionAndParameterSchema()
    {
        var tool = PlanTool.Create((string service, int replicas = 1) => $"{service}:{replicas}", "scale", "Scales a service.");

        var schema = tool.ParametersSchema;

        Assert.Equal("scale", tool.Name);
        Assert.Equal("Scales a service.", tool.Description);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("service").GetProperty("type").GetString());
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("replicas").GetProperty("type").GetString());
        Assert.Equal(["service"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Create_NullMethod_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => PlanTool.Create(null!, "scale", "Scales."));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Create_BlankName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => PlanTool.Create(() => "ok", name, "Does nothing."));
    }

    [Fact]
    public async Task ExecuteAsync_StringResult_ReturnsTextAsIs()
    {
        var tool = PlanTool.Create((string name) => $"hello \"{name}\"", "greet", "Greets.");

        var output = await tool.ExecuteAsync(new JsonObject { ["name"] = "Ada" }, CancellationToken.None);

        Assert.Equal("hello \"Ada\"", output);
    }

    [Fact]
    public async Task ExecuteAsync_AsyncStringResult_ReturnsText()
    {
        var tool = PlanTool.Create(async (string name) =>
        {
            await Task.Yield();
            return name + "!";
        }, "shout", "Shouts.");

        var output = await tool.ExecuteAsync(new JsonObject { ["name"] = "hey" }, CancellationToken.None);

        Assert.Equal("hey!", output);
    }

    [Fact]
    public async Task ExecuteAsync_NullResult_ReturnsEmptyText()
    {
        var tool = PlanTool.Create(string? () => null, "nothing", "Returns nothing.");

        var output = await tool.ExecuteAsync([], CancellationToken.None);

        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task ExecuteAsync_VoidMethod_ReturnsEmptyText()
    {
        var calls = 0;
        var tool = PlanTool.Create(() => { calls++; }, "touch", "Touches.");

        var output = await tool.ExecuteAsync([], CancellationToken.None);

        Assert.Equal(string.Empty, output);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ExecuteAsync_ObjectResult_ReturnsJson()
    {
        var tool = PlanTool.Create((string host) => new DeployResult(host, 3, ["a", "b"]), "deploy", "Deploys.");

        var output = await tool.ExecuteAsync(new JsonObject { ["host"] = "web" }, CancellationToken.None);

        var json = JsonNode.Parse(output)!;
        Assert.Equal("web", json["host"]!.GetValue<string>());
        Assert.Equal(3, json["instances"]!.GetValue<int>());
        Assert.Equal(2, json["zones"]!.AsArray().Count);
    }

    [Fact]
    public async Task ExecuteAsync_ObjectResult_ReturnsCompactJsonKeepingNonAsciiText()
    {
        var tool = PlanTool.Create(() => new DeployResult("zürich-1", 1, []), "deploy", "Deploys.");

        var output = await tool.ExecuteAsync([], CancellationToken.None);

        Assert.Equal("""{"host":"zürich-1","instances":1,"zones":[]}""", output);
    }

    [Fact]
    public async Task ExecuteAsync_NumberResult_ReturnsJsonNumber()
    {
        var tool = PlanTool.Create((int a, int b) => a + b, "add", "Adds.");

        var output = await tool.ExecuteAsync(new JsonObject { ["a"] = 2, ["b"] = 40 }, CancellationToken.None);

        Assert.Equal("42", output);
    }

    [Fact]
    public async Task ExecuteAsync_MethodWithCancellationToken_ReceivesCallerToken()
    {
        using var source = new CancellationTokenSource();
        var received = CancellationToken.None;
        var tool = PlanTool.Create((CancellationToken token) => { received = token; return "ok"; }, "wait", "Waits.");

        await tool.ExecuteAsync([], source.Token);

        Assert.Equal(source.Token, received);
        Assert.False(tool.ParametersSchema.GetProperty("properties").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledToken_Throws()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();
        var tool = PlanTool.Create(async (CancellationToken token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }, "wait", "Waits.");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tool.ExecuteAsync([], source.Token));
    }

    [Fact]
    public void FromFunction_NullFunction_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => PlanTool.FromFunction(null!));
    }

    [Fact]
    public async Task FromFunction_Function_KeepsItsNameDescriptionSchemaAndResult()
    {
        var function = AIFunctionFactory.Create((string city) => new JsonObject { ["city"] = city, ["tempC"] = 21 }, "weather", "Gets the weather.");

        var tool = PlanTool.FromFunction(function);
        var output = await tool.ExecuteAsync(new JsonObject { ["city"] = "Oslo" }, CancellationToken.None);

        Assert.Equal("weather", tool.Name);
        Assert.Equal("Gets the weather.", tool.Description);
        Assert.Equal(function.JsonSchema.GetRawText(), tool.ParametersSchema.GetRawText());
        Assert.Equal("""{"city":"Oslo","tempC":21}""", output);
    }

    [Fact]
    public async Task FromFunction_StringJsonElementResult_ReturnsUnquotedText()
    {
        var function = AIFunctionFactory.Create(() => JsonSerializer.SerializeToElement("plain"), "plain", "Returns text.");
        var tool = PlanTool.FromFunction(function);

        var output = await tool.ExecuteAsync([], CancellationToken.None);

        Assert.Equal("plain", output);
    }

    [Fact]
    public async Task ExecuteAsync_NullParameterValue_BindsNull()
    {
        var tool = PlanTool.Create((string? note) => note ?? "<none>", "note", "Echoes a note.");

        var output = await tool.ExecuteAsync(new JsonObject { ["note"] = null }, CancellationToken.None);

        Assert.Equal("<none>", output);
    }

    internal sealed record DeployResult(string Host, int Instances, string[] Zones);
}
