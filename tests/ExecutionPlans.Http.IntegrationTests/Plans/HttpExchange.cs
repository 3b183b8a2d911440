using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExecutionPlans.Http.IntegrationTests.Plans;

/// <summary>
/// Runs an endpoint handler the way a host does: a real <see cref="DefaultHttpContext"/> with a body stream and
/// headers, and the handler's <see cref="IResult"/> executed into a response body that the test reads back.
/// </summary>
internal sealed class HttpExchange : IDisposable
{
    private readonly ServiceProvider requestServices = new ServiceCollection().AddLogging().BuildServiceProvider();

    public HttpRequest Request(string method, string path, string? json = null, string? accept = null)
    {
        var context = new DefaultHttpContext { RequestServices = requestServices };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
        }

        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static async Task<HttpAnswer> ExecuteAsync(HttpRequest request, IResult result)
    {
        var response = request.HttpContext.Response;
        await result.ExecuteAsync(request.HttpContext);
        response.Body.Position = 0;
        using var reader = new StreamReader(response.Body, Encoding.UTF8);
        return new HttpAnswer(response.StatusCode, response.ContentType, response.Headers.Location.ToString(), await reader.ReadToEndAsync());
    }

    public void Dispose() => requestServices.Dispose();
}
