using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>
/// A real <see cref="HttpContext"/> for one call of an HTTP trigger, and the answer the trigger's
/// <see cref="IActionResult"/> writes into it.
/// </summary>
internal sealed class HttpExchange : IDisposable
{
    private readonly ServiceProvider requestServices;
    private readonly MemoryStream responseBody = new();

    private HttpExchange(string method, string path, byte[]? body, string? query)
    {
        requestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        Context = new DefaultHttpContext { RequestServices = requestServices };
        Context.Request.Method = method;
        Context.Request.Scheme = "http";
        Context.Request.Host = new HostString("localhost", 7071);
        Context.Request.Path = path;
        Context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        Context.Request.Body = new MemoryStream(body ?? []);
        if (body is not null || method == HttpMethods.Post)
        {
            // JSON routes take JSON only, an empty body included (415 otherwise).
            Context.Request.ContentType = "application/json";
            Context.Request.ContentLength = body?.Length ?? 0;
        }

        Context.Response.Body = responseBody;
    }

    public DefaultHttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    public static HttpExchange Get(string path, string? query = null) => new(HttpMethods.Get, path, null, query);

    public static HttpExchange Delete(string path) => new(HttpMethods.Delete, path, null, null);

    public static HttpExchange Post(string path, string? json = null) =>
        new(HttpMethods.Post, path, json is null ? null : Encoding.UTF8.GetBytes(json), null);

    /// <summary>A POST with the given content type.</summary>
    public static HttpExchange Post(string path, string body, string? contentType)
    {
        var exchange = new HttpExchange(HttpMethods.Post, path, Encoding.UTF8.GetBytes(body), null);
        exchange.Request.ContentType = contentType;
        return exchange;
    }

    /// <summary>A POST whose body has no Content-Length, as a chunked request arrives.</summary>
    public static HttpExchange PostChunked(string path, byte[] body)
    {
        var exchange = new HttpExchange(HttpMethods.Post, path, body, null);
        exchange.Request.ContentLength = null;
        return exchange;
    }

    public HttpExchange WithUser(string name)
    {
        Context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], authenticationType: "Test"));
        return this;
    }

    public HttpExchange WithHeader(string name, string value)
    {
        Context.Request.Headers[name] = value;
        return this;
    }

    /// <summary>Runs the trigger's result as the Functions host would, and reads what it wrote.</summary>
    public async Task<TestResponse> ExecuteAsync(IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var actionContext = new ActionContext(Context, new RouteData(), new ActionDescriptor());
        await result.ExecuteResultAsync(actionContext);
        return new TestResponse(Context.Response.StatusCode, Context.Response.Headers, Context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    public void Dispose()
    {
        requestServices.Dispose();
        responseBody.Dispose();
    }
}
