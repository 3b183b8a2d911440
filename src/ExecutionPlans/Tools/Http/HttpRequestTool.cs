using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExecutionPlans.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExecutionPlans.Tools.Http;

/// <summary>
/// The built-in <c>http_request</c> tool: sends one HTTP request to an allowed host and returns the status,
/// headers and (bounded) body as JSON.
/// </summary>
/// <remarks>
/// Hosts must be listed in <c>Tools:Http:AllowedHosts</c>. Redirects are returned, never followed, so that a
/// redirect cannot lead outside the allowed hosts; give the tool an <see cref="HttpClient"/> whose handler does
/// not follow redirects. Output: <c>{"status": 200, "reasonPhrase": "OK", "headers": {...}, "body": "...", "truncated": false}</c>.
/// </remarks>
public sealed class HttpRequestTool : PlanTool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "http_request";

    private static readonly HttpClient SharedClient = new(
        new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    private const int BodyStartChars = 300;

    private readonly HttpClient httpClient;
    private readonly HttpToolOptions options;
    private readonly HostAllowList allowedHosts;
    private readonly IAppAddresses[] appAddresses;

    /// <summary>Creates the tool (typed-client style: the client comes from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client to send with; its handler must not follow redirects.</param>
    /// <param name="options">The tool's settings.</param>
    /// <param name="appAddresses">The app's own addresses, which the tool does not call unless <see cref="HttpToolOptions.AllowSelf"/>.</param>
    /// <exception cref="ArgumentException">The settings are not valid, for example an allowed host is not a host name.</exception>
    [ActivatorUtilitiesConstructor]
    public HttpRequestTool(HttpClient httpClient, IOptions<HttpToolOptions> options, IEnumerable<IAppAddresses> appAddresses)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(appAddresses);
        this.httpClient = httpClient;
        this.appAddresses = [.. appAddresses];
        this.options = options.Value;
        EnsureValid(this.options);
        allowedHosts = new HostAllowList(this.options.AllowedHosts);
        Description = Describe(this.options);
    }

    /// <summary>Creates the tool with a client of its own, for use without dependency injection.</summary>
    /// <param name="options">The tool's settings.</param>
    /// <exception cref="ArgumentException">The settings are not valid, for example an allowed host is not a host name.</exception>
    public HttpRequestTool(HttpToolOptions options)
        : this(SharedClient, Options.Create(options), [])
    {
    }

    /// <summary>Creates the tool with its client and settings, for an app without addresses of its own.</summary>
    /// <param name="httpClient">The client to send with; its handler must not follow redirects.</param>
    /// <param name="options">The tool's settings.</param>
    /// <exception cref="ArgumentException">The settings are not valid, for example an allowed host is not a host name.</exception>
    public HttpRequestTool(HttpClient httpClient, IOptions<HttpToolOptions> options)
        : this(httpClient, options, [])
    {
    }

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement ParametersSchema => HttpRequestToolSchema.Schema;

    /// <summary>Three attempts, 1 s then 2 s apart (at most 30 s, or what <c>Retry-After</c> asks up to that).</summary>
    public override StepRetryPolicy? DefaultRetry => new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// By method: <c>GET</c>, <c>HEAD</c> and <c>OPTIONS</c> (and a step that names none, which sends GET) read;
    /// <c>DELETE</c> is destructive; any other method, or one that is not a plain text, writes.
    /// </summary>
    /// <param name="parameters">The step's parameters.</param>
    /// <returns>The step's risk.</returns>
    public override ToolRisk RiskOf(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var method = parameters.TryGetPropertyValue("method", out var node) && node is not null ? node : JsonValue.Create("GET");
        if (method is not JsonValue value || !value.TryGetValue<string>(out var name))
        {
            return ToolRisk.Write;
        }

        return name.ToUpperInvariant() switch
        {
            "GET" or "HEAD" or "OPTIONS" => ToolRisk.Read,
            "DELETE" => ToolRisk.Destructive,
            _ => ToolRisk.Write,
        };
    }

    /// <summary>The tool's own timeout (<c>Tools:Http:Timeout</c>).</summary>
    public override TimeSpan? DefaultTimeout => options.Timeout;

    /// <summary>The header that carries <see cref="ToolCallContext.IdempotencyKey"/>.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <inheritdoc />
    /// <exception cref="ToolExecutionException">
    /// The parameters are not usable, the host is not allowed, the request failed, or it timed out
    /// (then <see cref="ToolExecutionException.IsTimeout"/> is <see langword="true"/>).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<string> ExecuteAsync(JsonObject parameters, CancellationToken cancellationToken) =>
        SendAsync(parameters, null, cancellationToken);

    /// <summary>Sends the request with the header <c>Idempotency-Key: &lt;plan id&gt;.&lt;step id&gt;</c>, unless the step sets it.</summary>
    /// <inheritdoc cref="ExecuteAsync(JsonObject, CancellationToken)" />
    public override Task<string> ExecuteAsync(JsonObject parameters, ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SendAsync(parameters, context, cancellationToken);
    }

    private async Task<string> SendAsync(JsonObject parameters, ToolCallContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = HttpToolRequest.Parse(parameters);
        if (context is not null)
        {
            request = request.WithDefaultHeader(IdempotencyKeyHeader, context.IdempotencyKey);
        }

        if (Refusal(request.Url) is { } refusal)
        {
            throw new ToolExecutionException(refusal);
        }

        using var message = request.ToMessage();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            EnsureNotRedirected(message, request.Url);
            var (output, body) = await HttpToolResponseReader.ReadAsync(response, options.MaxResponseChars, deadline.Token);
            EnsureAccepted(request, response, body);
            return output;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // Report the caller's own token, not the linked one, so callers recognise their cancellation.
            throw new OperationCanceledException($"The {ToolName} call to {request.Url} was cancelled.", exception, cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            var limit = deadline.IsCancellationRequested
                ? $"{options.Timeout} (setting {HttpToolOptions.SectionName}:{nameof(HttpToolOptions.Timeout)})"
                : $"{httpClient.Timeout} (the HTTP client's own timeout)";
            var reason = $"The {request.Method} request to {request.Url} timed out after {limit}.";
            throw new ToolExecutionException(reason, new TimeoutException(reason, exception));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The connection failed or broke: the target may be back in a moment.
            throw new ToolExecutionException($"The {request.Method} request to {request.Url} failed: {exception.Message}", exception) { IsTransient = true };
        }
    }

    /// <summary>Refuses, before the plan is shown for approval, a literal URL the tool would not call.</summary>
    /// <inheritdoc />
    public override IEnumerable<string> Validate(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters["url"] is JsonValue value && value.TryGetValue<string>(out var text)
            && !text.Contains("{{", StringComparison.Ordinal)
            && Uri.TryCreate(text, UriKind.Absolute, out var url)
            && Refusal(url) is { } refusal)
        {
            yield return refusal;
        }
    }

    /// <summary>Why the tool may not call <paramref name="url"/>: its host is not allowed, or it is the app itself; null when it may.</summary>
    private string? Refusal(Uri url)
    {
        if (!allowedHosts.IsAllowed(url))
        {
            return $"The {ToolName} tool may not call the host '{url.Host}'{(url.IsDefaultPort ? string.Empty : $" on port {url.Port}")}: it is not listed in the setting "
                + $"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.AllowedHosts)}.";
        }

        if (!options.AllowSelf && SelfAddressCheck.Match(url, appAddresses) is { } self)
        {
            return $"The {ToolName} tool may not call this app's own address {self.GetLeftPart(UriPartial.Authority)} (a plan may not decide on plans); "
                + $"set {HttpToolOptions.SectionName}:{nameof(HttpToolOptions.AllowSelf)} to true to allow it.";
        }

        return null;
    }

    /// <summary>
    /// Fails the step on a status it does not accept, with the status and the start of the body: 408, 429 and 5xx may
    /// pass (tried again, after <c>Retry-After</c> when the target says), any other will not.
    /// </summary>
    private static void EnsureAccepted(HttpToolRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (request.Accepts(status))
        {
            return;
        }

        var start = body.Length > BodyStartChars ? string.Concat(body.AsSpan(0, BodyStartChars), "…") : body;
        var reason = $"{request.Method} {request.Url} answered HTTP {status} {response.ReasonPhrase} (accepted: {request.DescribeAccepted()})"
            + (start.Length == 0 ? "." : $": {start}");
        throw new ToolExecutionException(reason)
        {
            IsTransient = status is 408 or 429 or >= 500,
            RetryAfter = RetryAfterOf(response),
        };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static void EnsureNotRedirected(HttpRequestMessage message, Uri requested)
    {
        // A handler that follows redirects rewrites the request's URI; the response may come from any host.
        if (message.RequestUri != requested)
        {
            throw new ToolExecutionException(
                $"The HTTP client followed a redirect from {requested} to {message.RequestUri}. The {ToolName} tool needs a "
                + "client whose handler does not follow redirects (AllowAutoRedirect = false), so that a redirect "
                + $"cannot leave {HttpToolOptions.SectionName}:{nameof(HttpToolOptions.AllowedHosts)}.");
        }
    }

    private static void EnsureValid(HttpToolOptions options)
    {
        // Dependency injection validates at start-up; a tool built by hand gets the same checks here.
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException(string.Join(" ", results.Select(r => r.ErrorMessage)), nameof(options));
        }
    }

    private static string Describe(HttpToolOptions options)
    {
        var hosts = options.AllowedHosts.Count == 0
            ? $"No hosts are allowed yet (setting {HttpToolOptions.SectionName}:{nameof(HttpToolOptions.AllowedHosts)})."
            : "Allowed hosts: " + string.Join(", ", options.AllowedHosts) + ".";
        return "Sends one HTTP request and returns JSON with the response's status, reasonPhrase, headers and body "
            + $"(text, cut to {options.MaxResponseChars} characters, with truncated = true when cut), and json: the body parsed when it is JSON "
            + "(so a later step can use {{steps.<id>.output.json.<path>}}). "
            + $"Redirects are returned, not followed. {hosts}";
    }
}
