using System.Net.Http.Headers;
using System.Text;

namespace ExecutionPlans.Reliability.Tests.HostileInput;

/// <summary>One request of the corpus: what it is, and how to send it.</summary>
/// <param name="Name">What the request tries, for the failure message.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, relative to the server.</param>
/// <param name="Body">The body, if any.</param>
/// <param name="ContentType">The body's content type; null sends none.</param>
/// <param name="Headers">More headers.</param>
internal sealed record HostileRequest(string Name, HttpMethod Method, string Path, string? Body = null, string? ContentType = "application/json", IReadOnlyList<(string Name, string Value)>? Headers = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, new Uri(Path, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null && MediaTypeHeaderValue.TryParse(ContentType, out var type))
            {
                message.Content.Headers.ContentType = type;
            }
        }

        foreach (var (name, value) in Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}

/// <summary>
/// Malformed and hostile requests across every route, made from tables: bodies that are not JSON, JSON of the wrong
/// shape, nulls where objects belong, lone surrogates, huge and deep values, texts past the limits, foreign content
/// types, odd ids, forged tokens and continuation tokens, long URLs and headers, and methods the routes do not take.
/// </summary>
internal static class HostileRequests
{
    private const string Step = """{"id": "s1", "toolName": "http_request", "parameters": {"method": "GET", "url": "http://127.0.0.1:9/x"}}""";

    /// <summary>Bodies that no route should accept, or should accept without failing.</summary>
    public static readonly string[] Bodies =
    [
        "", " ", "null", "true", "0", "-1", "\"text\"", "[]", "[null]", "{}", "not json", "{", "}", "{\"a\":", "\u0000",
        "{\"plan\": null}", "{\"plan\": []}", "{\"plan\": \"text\"}", "{\"plan\": {}}", "{\"plan\": {\"steps\": null}}",
        "{\"plan\": {\"steps\": [null]}}", "{\"plan\": {\"steps\": [1, \"x\", []]}}", "{\"plan\": {\"description\": null, \"steps\": [" + Step + "]}}",
        "{\"plan\": {\"description\": \"\\ud800\", \"steps\": [" + Step + "]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\\ud800\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\", \"headers\": {\"X\": \"\\udc00\"}}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\", \"method\": \"POST\", \"body\": \"\\ud83d\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"\\ud800\", \"toolName\": \"http_request\", \"parameters\": {}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"" + new string('i', 700) + "\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s 1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"" + new string('t', 5000) + "\"}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"input\": null, \"description\": null, \"parameters\": null}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://evil.example/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"retry\": {\"maxAttempts\": -5, \"firstDelay\": \"P10000Y\"}, \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"timeout\": \"forever\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"dependsOn\": \"s0\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"dependsOn\": [null], \"parameters\": {\"url\": \"http://127.0.0.1:9/\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"{{steps.s9.output}}\"}}]}}",
        "{\"plan\": {\"steps\": [{\"id\": \"s1\", \"toolName\": \"http_request\", \"parameters\": {\"url\": \"http://127.0.0.1:9/\", \"x\": " + new string('[', 5000) + new string(']', 5000) + "}}]}}",
        "{\"plan\": {\"description\": \"" + new string('d', 5000) + "\", \"steps\": [" + Step + "]}}",
        "{\"plan\": {\"steps\": [" + string.Join(",", Enumerable.Repeat(Step, 150)) + "]}}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvers\": [\"" + new string('a', 40_000) + "\"]}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvers\": [" + string.Join(",", Enumerable.Range(0, 1500).Select(i => $"\"approver-{i:D15}\"")) + "]}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvers\": [null, \"\", \" \"]}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvers\": \"alice\"}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvalTimeout\": \"P10000Y\"}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvalTimeout\": \"-PT1H\"}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"approvalTimeout\": 5}",
        "{\"plan\": {\"steps\": [" + Step + "]}, \"requireApproval\": \"yes\"}",
        "{\"input\": null}", "{\"input\": \"\"}", "{\"input\": 42}", "{\"input\": \"" + new string('x', 30_000) + "\"}",
        "{\"version\": null}", "{\"version\": \"one\"}", "{\"version\": 0}", "{\"version\": -1}", "{\"version\": 1e400}", "{\"version\": 99999999999}",
        "{\"version\": 1, \"comment\": \"" + new string('c', 5000) + "\"}", "{\"version\": 1, \"comment\": \"\\ud800\"}",
        "{\"version\": 1, \"feedback\": null}", "{\"version\": 1, \"feedback\": \"" + new string('f', 5000) + "\"}",
        "{\"version\": 1, \"plan\": {\"steps\": null}}", "{\"version\": 1, \"plan\": {\"steps\": [null]}}",
        "{\"version\": 1, \"reason\": {}}", "{\"version\": 1, \"decisionId\": \"" + new string('d', 500) + "\"}", "{\"version\": 1, \"unknown\": true}",
        "{\"__proto__\": {}, \"constructor\": {}}", "{\"a\": \"<script>alert(1)</script>\"}",
    ];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16",
        "application/json; charset=latin1", "text/json", "*/*", "application", "application/json;;;",
    ];

    public static readonly string[] Ids =
    [
        "does-not-exist", "%20", "..", "%2e%2e", "a%2Fb", "%00", "'; DROP TABLE plans;--", "<script>", new string('x', 300), new string('y', 5000),
        "%F0%9F%9A%80", "%ED%A0%80", "con", "null", "@", "a b", "🚀", "%25", "-", "_",
    ];

    public static readonly string[] Queries =
    [
        "?top=0", "?top=-1", "?top=101", "?top=abc", "?top=1e3", "?top=", "?status=done", "?status=", "?status=PENDING_APPROVAL", "?status=%00",
        "?continuationToken=garbage", "?continuationToken=", "?continuationToken=" + new string('a', 6000), "?continuationToken=%ED%A0%80",
        "?continuationToken=eyJhIjoxfQ.AAAAAAAAAAA", "?top=5&top=6", "?status=draft&status=failed", "?%00=%00", "?" + new string('q', 7000), "?top=2147483648",
    ];

    public static readonly string[] Tokens =
    [
        "", "x", ".", "a.b", "....", new string('t', 5000), "eyJwbGFuSWQiOiJ4In0.AAAA", "%ED%A0%80", "%00", "null",
        "eyJwbGFuSWQiOiJ4IiwidmVyc2lvbiI6MX0.c2ln", "<script>", "a.%ZZ", "===.===", "-_-_.-_-_",
    ];

    public static readonly string[] Forms =
    [
        "", "token=x", "token=x&csrf=y&action=approve", "action=launch", "token=%00&action=%00", "a=" + new string('a', 300_000), "%%%%", "token=&csrf=&action=",
        "token=a.b&action=approve&comment=" + new string('c', 5000), "csrf=" + new string('c', 1000),
    ];

    /// <summary>Every request of the corpus, against a plan that exists (<paramref name="planId"/>) as well as ones that do not.</summary>
    public static List<HostileRequest> All(string planId)
    {
        var requests = new List<HostileRequest>();
        string[] decisions = ["approve", "modify", "reject", "cancel", "retry"];
        foreach (var body in Bodies)
        {
            requests.Add(new("create: " + Describe(body), HttpMethod.Post, "api/plans", body));
            foreach (var decision in decisions)
            {
                requests.Add(new($"{decision}: " + Describe(body), HttpMethod.Post, $"api/plans/{planId}/{decision}", body));
            }
        }

        foreach (var contentType in ContentTypes)
        {
            requests.Add(new($"create as {contentType}", HttpMethod.Post, "api/plans", "{\"plan\": {\"steps\": [" + Step + "]}}", contentType));
            requests.Add(new($"approve as {contentType}", HttpMethod.Post, $"api/plans/{planId}/approve", "{\"version\": 1}", contentType));
            requests.Add(new($"review as {contentType}", HttpMethod.Post, $"api/plans/{planId}/review", "token=x", contentType));
        }

        requests.Add(new("create without content type", HttpMethod.Post, "api/plans", "{}", null));
        requests.Add(new("approve without a body", HttpMethod.Post, $"api/plans/{planId}/approve", null, null));
        foreach (var id in Ids)
        {
            requests.Add(new($"get {id[..Math.Min(id.Length, 20)]}", HttpMethod.Get, $"api/plans/{id}"));
            requests.Add(new($"get markdown {id[..Math.Min(id.Length, 20)]}", HttpMethod.Get, $"api/plans/{id}", Headers: [("Accept", "text/markdown")]));
            requests.Add(new($"delete {id[..Math.Min(id.Length, 20)]}", HttpMethod.Delete, $"api/plans/{id}"));
            requests.Add(new($"approve {id[..Math.Min(id.Length, 20)]}", HttpMethod.Post, $"api/plans/{id}/approve", "{\"version\": 1}"));
        }

        foreach (var query in Queries)
        {
            requests.Add(new($"list {query[..Math.Min(query.Length, 30)]}", HttpMethod.Get, "api/plans" + query));
        }

        foreach (var token in Tokens)
        {
            requests.Add(new($"review token {token[..Math.Min(token.Length, 20)]}", HttpMethod.Get, $"api/plans/{planId}/review?token={token}"));
            requests.Add(new($"review token {token[..Math.Min(token.Length, 20)]} on another plan", HttpMethod.Get, $"api/plans/other/review?token={token}&action=approve"));
        }

        foreach (var form in Forms)
        {
            requests.Add(new($"review form {Describe(form)}", HttpMethod.Post, $"api/plans/{planId}/review", form, "application/x-www-form-urlencoded"));
        }

        string[] paths = ["api/plans", $"api/plans/{planId}", $"api/plans/{planId}/approve", "api/tools", "api/health", $"api/plans/{planId}/review", "openapi/v1.json"];
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Options, new HttpMethod("PROPFIND") })
            {
                requests.Add(new($"{method} {path}", method, path, "{}"));
            }
        }

        foreach (var path in new[] { "api", "api/", "api/nope", "api/plans/x/y/z", "api/plans//approve", "%2e%2e/api/plans", "api/PLANS", "api/tools/x", "favicon.ico", "api/plans/x/approve/" })
        {
            requests.Add(new($"unknown {path}", HttpMethod.Get, path));
        }

        requests.Add(new("long url", HttpMethod.Get, "api/plans?x=" + new string('u', 20_000)));
        requests.Add(new("huge header", HttpMethod.Get, "api/plans", Headers: [("X-Big", new string('h', 40_000))]));
        requests.Add(new("many headers", HttpMethod.Get, "api/plans", Headers: [.. Enumerable.Range(0, 200).Select(i => ($"X-H{i}", new string('v', 200)))]));
        requests.Add(new("accept nonsense", HttpMethod.Get, $"api/plans/{planId}", Headers: [("Accept", "text/markdown;q=abc, */*;;")]));
        requests.Add(new("principal header garbage", HttpMethod.Post, $"api/plans/{planId}/approve", "{}", Headers: [("X-MS-CLIENT-PRINCIPAL", "!!!not base64"), ("X-MS-CLIENT-PRINCIPAL-NAME", new string('p', 5000))]));
        return requests;
    }

    private static string Describe(string body) => body.Length <= 40 ? body : body[..40] + $"… ({body.Length} chars)";
}
