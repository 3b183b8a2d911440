namespace ExecutionPlans.Testing;

/// <summary>A request as a <see cref="LoopbackHttpServer"/> received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>A header's value, or <see langword="null"/> if the request had none (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
