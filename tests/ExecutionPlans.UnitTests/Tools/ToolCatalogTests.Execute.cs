using System.Text.Json.Nodes;
using ExecutionPlans.Tools;

namespace ExecutionPlans.UnitTests.Tools;

public partial class ToolCatalogTests
{
    [Fact]
    public async Task ExecuteAsync_MethodTool_ReceivesTypedParameters()
    {
        var tool = PlanTool.Create(
            (string name, int count, bool loud, string[] tags, Dictionary<string, int> limits) =>
                $"{(loud ? name.ToUpperInvariant() : name)}x{count} [{string.Join('|', tags)}] cpu={limits["cpu"]}",
            "describe",
            "Describes a thing.");
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "describe", new JsonObject
        {
            ["name"] = "web",
            ["count"] = 3,
            ["loud"] = true,
            ["tags"] = new JsonArray("a", "b"),
            ["limits"] = new JsonObject { ["cpu"] = 2 },
        });

        var output = await catalog.ExecuteAsync(step);

        Assert.Equal("WEBx3 [a|b] cpu=2", output);
    }

    [Fact]
    public async Task ExecuteAsync_MethodToolWithRecordParameter_ReceivesObject()
    {
        var tool = PlanTool.Create((Target target) => $"{target.Host}:{target.Port}", "connect", "Connects.");
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "connect", new JsonObject { ["target"] = new JsonObject { ["host"] = "db", ["port"] = 5432 } });

        var output = await catalog.ExecuteAsync(step);

        Assert.Equal("db:5432", output);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTool_ThrowsToolNotFoundListingTools()
    {
        var catalog = DeployCatalog();

        var exception = await Assert.ThrowsAsync<ToolNotFoundException>(() => catalog.ExecuteAsync(Step("s9", "nope")));

        Assert.Contains("'s9'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Available tools: deploy, notify.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidParameters_ThrowsWithoutRunningTool()
    {
        var calls = 0;
        var tool = new StubTool("deploy", DeploySchema, (_, _) => Task.FromResult($"{++calls}"));
        var catalog = new ToolCatalog(tool);

        var exception = await Assert.ThrowsAsync<PlanValidationException>(() => catalog.ExecuteAsync(Step("s1", "deploy")));

        Assert.Equal(PlanValidationCodes.InvalidParameters, Assert.Single(exception.Errors).Code);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ExecuteAsync_ToolThrows_PropagatesSameException()
    {
        var failure = new InvalidOperationException("disk full");
        var catalog = new ToolCatalog(new StubTool("notify", StubTool.AnyObject, (_, _) => throw failure));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.ExecuteAsync(Step("s1", "notify")));

        Assert.Same(failure, exception);
    }

    [Fact]
    public async Task ExecuteAsync_MethodToolThrows_PropagatesUnwrappedException()
    {
        var tool = PlanTool.Create(string (string name) => throw new InvalidOperationException($"no {name}"), "fail", "Fails.");
        var catalog = new ToolCatalog(tool);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => catalog.ExecuteAsync(Step("s1", "fail", new JsonObject { ["name"] = "x" })));

        Assert.Equal("no x", exception.Message);
    }

    [Fact]
    public async Task ExecuteAsync_ToolMutatesParameters_StepKeepsItsParameters()
    {
        var tool = new StubTool("deploy", DeploySchema, (parameters, _) =>
        {
            parameters["service"] = "changed";
            parameters["extra"] = 1;
            return Task.FromResult("ok");
        });
        var catalog = new ToolCatalog(tool);
        var step = Step("s1", "deploy", DeployParameters());

        await catalog.ExecuteAsync(step);

        Assert.Equal("""{"service":"web"}""", step.Parameters.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_CancellationToken_ReachesTool()
    {
        using var source = new CancellationTokenSource();
        var received = CancellationToken.None;
        var catalog = new ToolCatalog(new StubTool("notify", StubTool.AnyObject, (_, token) =>
        {
            received = token;
            return Task.FromResult("ok");
        }));

        await catalog.ExecuteAsync(Step("s1", "notify"), source.Token);

        Assert.Equal(source.Token, received);
    }

    internal sealed record Target(string Host, int Port);
}
