using System.Text;
using System.Text.Json;
using ExecutionPlans.Http.Review;
using ExecutionPlans.Testing;
using ExecutionPlans.Tools;
using ExecutionPlans.Workflow;
using ExecutionPlans.Workflow.Approvals;
using ExecutionPlans.Workflow.Client;
using ExecutionPlans.Workflow.Contracts;
using ExecutionPlans.Workflow.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ExecutionPlans.Http.IntegrationTests.Review;

/// <summary>
/// What the review handlers need, with a mocked Durable Task client that serves plan views and records the
/// events raised, a signer on a fake clock, and helpers to build requests and run results.
/// </summary>
internal sealed class ReviewHarness
{
    public const string SigningKey = "review-page-tests-signing-key-0123456789";

    public ReviewHarness(bool signingKey = true, bool plannerConfigured = true)
    {
        var approvals = new ApprovalOptions { SigningKey = signingKey ? SigningKey : null };
        Signer = new ApprovalLinkSigner(Options.Create(approvals), Time);
        Services = new PlanApiServices(
            new ToolCatalog(),
            Options.Create(new WorkflowOptions { MaxRequestBodyBytes = 4096 }),
            Options.Create(approvals),
            new PlannerAvailability(plannerConfigured),
            Time,
            []);
        Client.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string name, object? payload, CancellationToken _) => RaisedEvents.Add((name, JsonSerializer.SerializeToElement(payload))))
            .Returns(Task.CompletedTask);
    }

    public FakeTimeProvider Time { get; } = new(TestPlans.Created.AddHours(1));

    public ApprovalLinkSigner Signer { get; }

    public PlanApiServices Services { get; }

    public Mock<DurableTaskClient> Client { get; } = new("test");

    public List<(string Name, JsonElement Payload)> RaisedEvents { get; } = [];

    /// <summary>Serves <paramref name="views"/> for the plan, one per read, the last one from then on.</summary>
    public void Serve(params PlanView[] views)
    {
        var reads = 0;
        Client.Setup(c => c.GetInstanceAsync(views[0].Id, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Metadata(views[Math.Min(reads++, views.Length - 1)]));
    }

    public string Sign(
        int version = 1,
        string approver = TestPlans.Approver,
        string planId = TestPlans.PlanId,
        TimeSpan? validFor = null,
        string? planHash = null,
        string? stepId = null) =>
        Signer.Sign(planId, version, approver, Time.GetUtcNow() + (validFor ?? TimeSpan.FromDays(1)), planHash, stepId);

    public static string NonceOf(string token) =>
        JsonDocument.Parse(Convert.FromBase64String(Base64(token.Split('.')[0]))).RootElement.GetProperty("n").GetString()!;

    public static HttpContext Get(string query, string planId = TestPlans.PlanId, string? csrfCookie = null)
    {
        var context = NewContext(planId, csrfCookie);
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = new QueryString(query);
        return context;
    }

    public static HttpContext Post(IEnumerable<KeyValuePair<string, string>> fields, string? csrfCookie, string planId = TestPlans.PlanId, string contentType = "application/x-www-form-urlencoded")
    {
        var context = NewContext(planId, csrfCookie);
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        var body = Encoding.UTF8.GetBytes(string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context;
    }

    /// <summary>Runs a result as the host would and reads what it wrote.</summary>
    public static async Task<ReviewResponse> RunAsync(IResult result, HttpContext context)
    {
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new ReviewResponse(context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers);
    }

    private static DefaultHttpContext NewContext(string planId, string? csrfCookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = $"/api/plans/{planId}/review";
        if (csrfCookie is not null)
        {
            context.Request.Headers.Cookie = $"{ReviewPageCsrf.CookieName}={csrfCookie}";
        }

        return context;
    }

    private static OrchestrationMetadata Metadata(PlanView view) => new(nameof(PlanOrchestrator), view.Id)
    {
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CreatedAt = view.CreatedAt,
        LastUpdatedAt = view.UpdatedAt,
        SerializedCustomStatus = JsonDataConverter.Default.Serialize(view),
        DataConverter = JsonDataConverter.Default,
    };

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
