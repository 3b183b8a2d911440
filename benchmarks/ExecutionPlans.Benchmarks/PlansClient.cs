using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExecutionPlans.Benchmarks;

/// <summary>The server's plan API, as any client calls it.</summary>
internal sealed class PlansClient(Uri serverAddress) : IDisposable
{
    private static readonly string[] FinalStatuses = ["completed", "failed", "cancelled"];

    private readonly HttpClient http = new() { BaseAddress = serverAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Starts a plan with one <c>http_request</c> step that calls <paramref name="stepUrl"/>; returns its id.</summary>
    public async Task<string> CreateAsync(Uri stepUrl, bool requireApproval)
    {
        var body = new JsonObject
        {
            ["plan"] = new JsonObject
            {
                ["description"] = "Benchmark: one call to the benchmark's endpoint",
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call",
                    ["toolName"] = "http_request",
                    ["description"] = "Call the benchmark's endpoint",
                    ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = stepUrl.ToString() },
                }),
            },
            ["requireApproval"] = requireApproval,
            ["approvalTimeout"] = "PT2H",
        };
        using var response = await http.PostAsJsonAsync(new Uri("api/plans", UriKind.Relative), body);
        var view = await ReadAsync(response, HttpStatusCode.Accepted, "POST /api/plans");
        return view["id"]?.GetValue<string>() ?? throw new InvalidOperationException("POST /api/plans answered without an id.");
    }

    public async Task<JsonNode> GetAsync(string id)
    {
        using var response = await http.GetAsync(PlanUri(id, string.Empty));
        return await ReadAsync(response, HttpStatusCode.OK, $"GET /api/plans/{id}");
    }

    /// <summary>Approves version 1 of the plan; throws unless the server answers 202.</summary>
    public async Task ApproveAsync(string id)
    {
        using var response = await http.PostAsJsonAsync(PlanUri(id, "/approve"), new JsonObject { ["version"] = 1, ["comment"] = "benchmark" });
        await ReadAsync(response, HttpStatusCode.Accepted, $"POST /api/plans/{id}/approve");
    }

    /// <summary>Polls the plan until its status is <paramref name="status"/>; throws if it ends otherwise or time runs out.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string id, string status, TimeSpan timeout, TimeSpan pollInterval)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await GetAsync(id);
            var current = StatusOf(view);
            if (current == status)
            {
                return view;
            }

            if (FinalStatuses.Contains(current))
            {
                throw new InvalidOperationException($"Plan {id} ended {current}, not {status}: {view["error"]}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Plan {id} is still {current} after {timeout.TotalSeconds} s (waiting for {status}).");
            }

            await Task.Delay(pollInterval);
        }
    }

    public static string StatusOf(JsonNode view) => view["status"]?.GetValue<string>() ?? string.Empty;

    public void Dispose() => http.Dispose();

    private static Uri PlanUri(string id, string suffix) => new($"api/plans/{Uri.EscapeDataString(id)}{suffix}", UriKind.Relative);

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string call)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"{call} answered an empty body.");
    }
}
