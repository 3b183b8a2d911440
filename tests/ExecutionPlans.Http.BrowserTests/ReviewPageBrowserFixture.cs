using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Testing;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ExecutionPlans.Http.BrowserTests;

/// <summary>
/// One real server process, its test backend (model and step target) and one headless Chromium, shared by the
/// browser tests. Chromium is the system's (<c>/usr/bin/chromium</c>); nothing is downloaded.
/// </summary>
public sealed class ReviewPageBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string SigningKey = "browser-test-signing-key-0123456789abcdef";

    private IPlaywright? playwright;

    internal TestBackend Backend { get; private set; } = null!;

    internal ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public ApprovalLinkSigner Signer { get; } =
        new(Options.Create(new ApprovalOptions { SigningKey = SigningKey }), TimeProvider.System);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath} and it is missing. Install it (Debian: apt-get install -y chromium).");
        }

        Backend = await TestBackend.StartAsync();
        Server = await ServerProcess.StartAsync((ServerSettings.InMemory() with { PublicBaseUrlIsSelf = true })
            .With("Approvals__SigningKey", SigningKey)
            .With("OpenAI__BaseUrl", Backend.Url("v1"))
            .With("OpenAI__Model", "m")
            .With("OpenAI__ApiKey", "test")
            .With("Logging__LogLevel__Default", "Warning"));
        Api = Server.Http;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }
    }

    /// <summary>Submits a plan as written and waits until it awaits approval.</summary>
    public async Task<string> CreatePlanAsync(string description, params JsonObject[] steps)
    {
        var body = new JsonObject { ["plan"] = new JsonObject { ["description"] = description, ["steps"] = new JsonArray([.. steps]) } };
        using var response = await Api.PostAsJsonAsync(new Uri("api/plans", UriKind.Relative), body);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/plans answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForStatusAsync(id, "pending_approval");
        return id;
    }

    /// <summary>Polls the plan until it has <paramref name="status"/> (30 s at most).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string id, string status, int? version = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement view = default;
        while (DateTime.UtcNow < deadline)
        {
            view = await Api.GetFromJsonAsync<JsonElement>(new Uri($"api/plans/{id}", UriKind.Relative));
            if (view.GetProperty("status").GetString() == status && (version is null || view.GetProperty("version").GetInt32() == version))
            {
                return view;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Plan {id} did not reach {status} (version {version}) within 30 s; it is {view}.\nServer output:\n{Server.Output}");
    }

    /// <summary>Polls the plan until step <paramref name="stepId"/> is held at its checkpoint (30 s at most).</summary>
    public async Task<JsonElement> WaitForCheckpointAsync(string id, string stepId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement view = default;
        while (DateTime.UtcNow < deadline)
        {
            view = await Api.GetFromJsonAsync<JsonElement>(new Uri($"api/plans/{id}", UriKind.Relative));
            if (view.TryGetProperty("checkpoints", out var held) && held.ValueKind == JsonValueKind.Array
                && held.EnumerateArray().Any(c => c.GetProperty("stepId").GetString() == stepId))
            {
                return view;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Step {stepId} of plan {id} was not held at its checkpoint within 30 s; the plan is {view}.\nServer output:\n{Server.Output}");
    }

    /// <summary>A signed review link for one version, or for one step held at its checkpoint, as a notification would carry it.</summary>
    public string ReviewUrl(string id, int version, string? action = null, string? planHash = null, string? stepId = null)
    {
        var token = Signer.Sign(id, version, "alice@example.com", DateTimeOffset.UtcNow.AddHours(1), planHash, stepId);
        return new Uri(Server.BaseAddress, $"api/plans/{id}/review?token={Uri.EscapeDataString(token)}" + (action is null ? string.Empty : $"&action={action}")).ToString();
    }

    /// <summary>Decides on a plan through the API, as an approver without a link would.</summary>
    public async Task DecideAsync(string id, string decision, int version)
    {
        using var response = await Api.PostAsJsonAsync(new Uri($"api/plans/{id}/{decision}", UriKind.Relative), new JsonObject { ["version"] = version });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/plans/{id}/{decision} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An <c>http_request</c> step calling the test backend (<c>/target/…</c>, or <c>/flaky/…</c> with <paramref name="path"/>).</summary>
    public JsonObject TargetStep(string id, string target, string description, string path = "target") => new()
    {
        ["id"] = id,
        ["toolName"] = "http_request",
        ["description"] = description,
        ["input"] = $"GET /{path}/{target}",
        ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = Backend.Url($"{path}/{target}") },
    };
}
