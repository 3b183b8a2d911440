using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ExecutionPlans.Model;
using ExecutionPlans.Workflow.Contracts;

namespace ExecutionPlans.Testing;

/// <summary>The server's plan API for tests: each call checks its status code and fails with the answer and the server's output.</summary>
/// <param name="http">A client with the server's base address.</param>
/// <param name="serverOutput">The server's recent output, for failure messages.</param>
public sealed class PlansClient(HttpClient http, Func<string> serverOutput)
{
    /// <summary>How long <see cref="WaitUntilAsync"/> waits.</summary>
    public static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(60);

    /// <summary><c>POST /api/plans</c>; expects 202 with a <c>Location</c> and returns the first view.</summary>
    public async Task<PlanView> CreateAsync(string json)
    {
        using var response = await PostAsync("api/plans", json);
        var view = await ReadViewAsync(response, HttpStatusCode.Accepted);
        Assert.Equal($"/api/plans/{view.Id}", response.Headers.Location?.OriginalString);
        return view;
    }

    /// <summary>Posts <paramref name="json"/> (or nothing) to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? json = null) =>
        http.PostAsync(new Uri(path, UriKind.Relative), Json(json));

    /// <summary>A JSON body; an empty one still says it is JSON, as the routes require.</summary>
    private static StringContent Json(string? json) => new(json ?? string.Empty, Encoding.UTF8, "application/json");

    /// <summary><c>GET /api/plans/{id}</c>.</summary>
    public Task<HttpResponseMessage> GetAsync(string id, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/plans/{id}", UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return http.SendAsync(request);
    }

    /// <summary>The plan's view; fails unless it is 200.</summary>
    public async Task<PlanView> GetViewAsync(string id)
    {
        using var response = await GetAsync(id);
        return await ReadViewAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Sends <c>GET</c> to a path under the server.</summary>
    public Task<HttpResponseMessage> GetPathAsync(string path) => http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary><c>POST /api/plans/{id}/{action}</c> with an optional body, answer unchecked.</summary>
    public Task<HttpResponseMessage> DecideAsync(string id, string action, string? json = null) => PostAsync($"api/plans/{id}/{action}", json);

    /// <summary><c>POST /api/plans/{id}/{action}</c>; fails unless it is 202.</summary>
    public async Task<PlanView> DecideAcceptedAsync(string id, string action, string? json = null)
    {
        using var response = await DecideAsync(id, action, json);
        return await ReadViewAsync(response, HttpStatusCode.Accepted);
    }

    /// <summary>
    /// <c>POST /api/plans/{id}/{action}</c> as <paramref name="principal"/>, named the way App Service authentication
    /// names a signed-in caller (the server must trust those headers); fails unless it is 202.
    /// </summary>
    public async Task<PlanView> DecideAcceptedAsAsync(string principal, string id, string action, string? json = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/plans/{id}/{action}", UriKind.Relative))
        {
            Content = Json(json),
        };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", principal);
        using var response = await http.SendAsync(request);
        return await ReadViewAsync(response, HttpStatusCode.Accepted);
    }

    /// <summary><c>DELETE /api/plans/{id}</c>, answer unchecked.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string id) => http.DeleteAsync(new Uri($"api/plans/{id}", UriKind.Relative));

    /// <summary>Polls the plan until <paramref name="condition"/> holds; fails after <see cref="PollDeadline"/> with the last view.</summary>
    public async Task<PlanView> WaitUntilAsync(string id, Func<PlanView, bool> condition, string what)
    {
        var answer = await Poll.UntilAsync(
            async () =>
            {
                using var response = await GetAsync(id);
                var body = await response.Content.ReadAsStringAsync();
                return (response.StatusCode, body, View: response.StatusCode == HttpStatusCode.OK ? Parse<PlanView>(body) : null);
            },
            answer => answer.View is { } view && condition(view),
            (answer, limit) => $"Plan {id} was not {what} within {limit.TotalSeconds:0} s. Last answer: {(int)answer.StatusCode} {answer.body}\nServer output:\n{serverOutput()}",
            PollDeadline);
        return answer.View!;
    }

    /// <summary>Polls the plan until it has the status.</summary>
    public Task<PlanView> WaitForStatusAsync(string id, PlanStatus status) =>
        WaitUntilAsync(id, view => view.Status == status, status.ToWireName());

    /// <summary>Fails unless the answer has the status code; returns its body.</summary>
    public async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, " +
                $"not {(int)expected}: {body}\nServer output:\n{serverOutput()}");
        }

        return body;
    }

    /// <summary>Fails unless the answer is a problem-details document with the status code; returns it.</summary>
    public async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ExpectAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Parse<JsonElement>(body);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"The problem has no detail: {body}");
        return problem;
    }

    /// <summary>Reads JSON the way the API writes it.</summary>
    public static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, ExecutionPlanJson.Options) ?? throw new InvalidOperationException($"The answer is null: {json}");

    private async Task<PlanView> ReadViewAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        Parse<PlanView>(await ExpectAsync(response, expected));
}
