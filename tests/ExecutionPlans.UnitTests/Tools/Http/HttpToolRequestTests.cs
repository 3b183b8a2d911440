using System.Text.Json.Nodes;
using ExecutionPlans.Tools;
using ExecutionPlans.Tools.Http;

namespace ExecutionPlans.UnitTests.Tools.Http;

public class HttpToolRequestTests
{
    [Fact]
    public void Parse_UrlOnly_DefaultsToGetWithoutHeadersOrBody()
    {
        var request = HttpToolRequest.Parse(new JsonObject { ["url"] = "https://api.example.com/items?page=2" });

        Assert.Equal("GET", request.Method);
        Assert.Equal(new Uri("https://api.example.com/items?page=2"), request.Url);
        Assert.Empty(request.Headers);
        Assert.Null(request.Body);
    }

    [Fact]
    public void Parse_AllParameters_ReadsThem()
    {
        var parameters = new JsonObject
        {
            ["method"] = "patch",
            ["url"] = "http://api.example.com/items/1",
            ["headers"] = new JsonObject { ["X-Trace"] = "abc" },
            ["body"] = "{}",
        };

        var request = HttpToolRequest.Parse(parameters);

        Assert.Equal("PATCH", request.Method);
        Assert.Equal([new KeyValuePair<string, string>("X-Trace", "abc")], request.Headers);
        Assert.Equal("{}", request.Body);
    }

    [Theory]
    [InlineData("ftp://files.example.com/a", "scheme 'ftp'")]
    [InlineData("file:///etc/passwd", "scheme 'file'")]
    [InlineData("/relative/path", "scheme 'file'")]
    [InlineData("api.example.com/items", "not an absolute URL")]
    [InlineData("http://", "not an absolute URL")]
    public void Parse_NotAnHttpUrl_Refuses(string url, string reason)
    {
        var exception = Assert.Throws<ToolExecutionException>(() => HttpToolRequest.Parse(new JsonObject { ["url"] = url }));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ExecutionPlanException>(exception);
    }

    [Fact]
    public void Parse_MissingUrl_Refuses()
    {
        var exception = Assert.Throws<ToolExecutionException>(() => HttpToolRequest.Parse([]));

        Assert.Contains("'url' is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnsupportedMethod_RefusesListingMethods()
    {
        var parameters = new JsonObject { ["method"] = "TRACE", ["url"] = "http://a.example/" };

        var exception = Assert.Throws<ToolExecutionException>(() => HttpToolRequest.Parse(parameters));

        Assert.Contains("GET, POST, PUT, PATCH, DELETE, HEAD", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url": 5}""", "'url' must be a string")]
    [InlineData("""{"url": "http://a.example/", "body": 5}""", "'body' must be a string")]
    [InlineData("""{"url": "http://a.example/", "headers": "X-A: 1"}""", "'headers' must be an object")]
    [InlineData("""{"url": "http://a.example/", "headers": {"X-A": 1}}""", "header 'X-A' must be a string")]
    public void Parse_WrongType_Refuses(string json, string reason)
    {
        var parameters = JsonNode.Parse(json)!.AsObject();

        var exception = Assert.Throws<ToolExecutionException>(() => HttpToolRequest.Parse(parameters));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 1}""", "application/json")]
    [InlineData("[1, 2]", "application/json")]
    [InlineData("{not json", "text/plain")]
    [InlineData("hello", "text/plain")]
    public void ToMessage_BodyWithoutContentType_PicksContentType(string body, string expected)
    {
        var request = HttpToolRequest.Parse(new JsonObject { ["method"] = "POST", ["url"] = "http://a.example/", ["body"] = body });

        using var message = request.ToMessage();

        Assert.Equal(expected, message.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ToMessage_BodyGivenAsJsonObject_IsSentAsItsJson()
    {
        var request = HttpToolRequest.Parse(new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "http://a.example/",
            ["body"] = new JsonObject { ["replicas"] = 3, ["pod"] = "api-1" },
        });

        using var message = request.ToMessage();

        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"replicas":3,"pod":"api-1"}""", await message.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ToMessage_Headers_GoToRequestOrContent()
    {
        var request = HttpToolRequest.Parse(new JsonObject
        {
            ["method"] = "PUT",
            ["url"] = "http://a.example/",
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer t", ["Content-Type"] = "application/xml" },
            ["body"] = "<a/>",
        });

        using var message = request.ToMessage();

        Assert.Equal("Bearer t", message.Headers.Authorization!.ToString());
        Assert.Equal("application/xml", message.Content!.Headers.ContentType!.ToString());
    }

    [Fact]
    public void ToMessage_ContentHeaderWithoutBody_SendsEmptyContent()
    {
        var request = HttpToolRequest.Parse(new JsonObject { ["url"] = "http://a.example/", ["headers"] = new JsonObject { ["Content-Language"] = "en" } });

        using var message = request.ToMessage();

        Assert.Equal(["en"], message.Content!.Headers.ContentLanguage);
        Assert.Null(message.Content.Headers.ContentType);
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("content-length")]
    public void ToMessage_ComputedHeader_Refuses(string name)
    {
        var request = HttpToolRequest.Parse(new JsonObject { ["url"] = "http://a.example/", ["headers"] = new JsonObject { [name] = "x" } });

        var exception = Assert.Throws<ToolExecutionException>(() => request.ToMessage());

        Assert.Contains($"'{name}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMessage_InvalidHeaderName_Refuses()
    {
        var request = HttpToolRequest.Parse(new JsonObject { ["url"] = "http://a.example/", ["headers"] = new JsonObject { ["Bad Name"] = "x" } });

        var exception = Assert.Throws<ToolExecutionException>(() => request.ToMessage());

        Assert.Contains("'Bad Name' is not a valid header name", exception.Message, StringComparison.Ordinal);
    }
}
