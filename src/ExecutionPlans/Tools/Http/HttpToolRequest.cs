using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExecutionPlans.Tools.Http;

/// <summary>The parameters of one <c>http_request</c> call, checked.</summary>
internal sealed record HttpToolRequest(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    /// <summary>The statuses that count as success: 2xx unless the step says otherwise (<c>acceptStatus</c>).</summary>
    public IReadOnlyList<(int From, int To)> AcceptStatus { get; init; } = [(200, 299)];

    /// <summary>Whether the response's status counts as success.</summary>
    public bool Accepts(int status) => AcceptStatus.Any(range => status >= range.From && status <= range.To);

    /// <summary>The accepted statuses, for messages: <c>2xx, 404</c>.</summary>
    public string DescribeAccepted() =>
        string.Join(", ", AcceptStatus.Select(range => range.From == range.To ? range.From.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{range.From / 100}xx"));

    // Headers the HTTP stack computes from the URL and the body; a step setting them would only break the request.
    private static readonly HashSet<string> ComputedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection",
    };

    /// <summary>Reads and checks the tool's parameters.</summary>
    /// <exception cref="ToolExecutionException">A parameter is missing, of the wrong type, or not a usable value.</exception>
    public static HttpToolRequest Parse(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var method = ReadString(parameters, "method")?.ToUpperInvariant() ?? "GET";
        if (!HttpRequestToolSchema.Methods.Contains(method))
        {
            throw Refuse($"the method '{method}' is not supported; use one of {string.Join(", ", HttpRequestToolSchema.Methods)}.");
        }

        var url = ReadString(parameters, "url") ?? throw Refuse("the parameter 'url' is required.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Refuse($"'{url}' is not an absolute URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Refuse($"'{url}' uses the scheme '{uri.Scheme}'; only http and https are allowed.");
        }

        return new HttpToolRequest(method, uri, ReadHeaders(parameters), ReadBody(parameters)) { AcceptStatus = ReadAcceptStatus(parameters) };
    }

    /// <summary>The request with one more header, unless the step set that header itself.</summary>
    public HttpToolRequest WithDefaultHeader(string name, string value) =>
        Headers.Any(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            ? this
            : this with { Headers = [.. Headers, new KeyValuePair<string, string>(name, value)] };

    private static List<(int From, int To)> ReadAcceptStatus(JsonObject parameters)
    {
        if (parameters["acceptStatus"] is not JsonArray list)
        {
            return parameters["acceptStatus"] is null ? [(200, 299)] : throw Refuse("'acceptStatus' must be a list of statuses, such as [\"2xx\", 404].");
        }

        var ranges = new List<(int, int)>();
        foreach (var item in list)
        {
            if (item is JsonValue value && value.TryGetValue<int>(out var status) && status is >= 100 and <= 599)
            {
                ranges.Add((status, status));
            }
            else if (item is JsonValue text && text.TryGetValue<string>(out var pattern) && pattern.Length == 3
                && pattern[0] is >= '1' and <= '5' && (pattern[1..].Equals("xx", StringComparison.OrdinalIgnoreCase) || int.TryParse(pattern, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
            {
                var hundreds = (pattern[0] - '0') * 100;
                ranges.Add(char.IsDigit(pattern[1]) ? (int.Parse(pattern, System.Globalization.CultureInfo.InvariantCulture), int.Parse(pattern, System.Globalization.CultureInfo.InvariantCulture)) : (hundreds, hundreds + 99));
            }
            else
            {
                throw Refuse($"'acceptStatus' holds '{item?.ToJsonString()}'; use statuses (404) or classes (\"2xx\") from 100 to 599.");
            }
        }

        return ranges.Count == 0 ? throw Refuse("'acceptStatus' is empty; leave it out to accept 2xx.") : ranges;
    }

    /// <summary>Builds the request message.</summary>
    /// <exception cref="ToolExecutionException">A header cannot be sent.</exception>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        try
        {
            if (Body is not null)
            {
                message.Content = new StringContent(Body, Encoding.UTF8, IsJson(Body) ? "application/json" : "text/plain");
            }

            foreach (var (name, value) in Headers)
            {
                AddHeader(message, name, value);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static void AddHeader(HttpRequestMessage message, string name, string value)
    {
        if (ComputedHeaders.Contains(name))
        {
            throw Refuse($"the header '{name}' is set by the tool itself; leave it out.");
        }

        if (message.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // Content headers (Content-Type, ...) belong to the body; a given Content-Type replaces the default one.
        var content = message.Content ??= new ByteArrayContent([]);
        if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            content.Headers.ContentType = null;
        }

        if (!content.Headers.TryAddWithoutValidation(name, value))
        {
            throw Refuse($"'{name}' is not a valid header name.");
        }
    }

    /// <summary>The body as text: a string as it is, an object or array as its JSON (a reference can fill in a whole object).</summary>
    private static string? ReadBody(JsonObject parameters) => parameters["body"] switch
    {
        JsonObject or JsonArray => parameters["body"]!.ToJsonString(),
        _ => ReadString(parameters, "body"),
    };

    private static string? ReadString(JsonObject parameters, string name) =>
        parameters[name] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var other => throw Refuse($"the parameter '{name}' must be a string, not {other.GetValueKind().ToString().ToLowerInvariant()}."),
        };

    private static List<KeyValuePair<string, string>> ReadHeaders(JsonObject parameters)
    {
        var headers = new List<KeyValuePair<string, string>>();
        switch (parameters["headers"])
        {
            case null:
                return headers;
            case JsonObject values:
                foreach (var (name, value) in values)
                {
                    if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
                    {
                        throw Refuse($"the value of header '{name}' must be a string.");
                    }

                    headers.Add(new(name, text.GetValue<string>()));
                }

                return headers;
            default:
                throw Refuse("the parameter 'headers' must be an object of header names to string values.");
        }
    }

    private static bool IsJson(string body)
    {
        var text = body.AsSpan().TrimStart();
        if (text.IsEmpty || (text[0] != '{' && text[0] != '['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            // Text that merely starts like JSON is sent as plain text.
            return false;
        }
    }

    private static ToolExecutionException Refuse(string reason) =>
        new($"The {HttpRequestTool.ToolName} tool refused the request: {reason}");
}
