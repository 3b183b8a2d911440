using System.Collections.Immutable;

namespace ExecutionPlans.Testing;

/// <summary>
/// What a test server is configured with, passed as environment variables. A null setting is not passed at all,
/// so the server's own default applies. A test server runs in the environment a process gets without
/// <c>ASPNETCORE_ENVIRONMENT</c>, Production, and starts open on purpose (<see cref="AllowAnonymous"/>) unless a test
/// gives it API keys, which it then requires.
/// </summary>
public sealed record ServerSettings
{
    /// <summary>No settings at all: every default of the server.</summary>
    public static ServerSettings None { get; } = new();

    /// <summary><c>DurableTask:Engine</c>.</summary>
    public ServerEngine? Engine { get; init; }

    /// <summary><c>AzureWebJobsStorage</c>.</summary>
    public string? Storage { get; init; }

    /// <summary><c>DurableTask:TaskHub</c>.</summary>
    public string? TaskHub { get; init; }

    /// <summary><c>DurableTask:WorkerId</c>.</summary>
    public string? WorkerId { get; init; }

    /// <summary><c>Tools:Http:AllowedHosts</c>.</summary>
    public ImmutableArray<string> AllowedHosts { get; init; } = [];

    /// <summary>
    /// Whether <c>Approvals:PublicBaseUrl</c> is the server's own address (<c>http://127.0.0.1:PORT</c>), so the signed
    /// links its notifications carry lead back to it. The port is chosen at launch, so the launcher sets it.
    /// </summary>
    public bool PublicBaseUrlIsSelf { get; init; }

    /// <summary><c>ASPNETCORE_ENVIRONMENT</c>; null runs the server as Production.</summary>
    public string? HostEnvironment { get; init; }

    /// <summary>
    /// <c>Server:AllowAnonymous</c>: true (the tests' default) lets a Production server start without authentication;
    /// false makes it refuse to. With <see cref="ApiKeys"/> callers need a key either way.
    /// </summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary><c>Server:ApiKeys:&lt;name&gt;</c>: the keys callers may send, by the name decisions record them as.</summary>
    public ImmutableDictionary<string, string> ApiKeys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Any other settings, by their environment variable names (<c>Section__Key</c>).</summary>
    public ImmutableDictionary<string, string> Extra { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>An in-memory server that may call the loopback address.</summary>
    public static ServerSettings InMemory() => new() { Engine = ServerEngine.InMemory, AllowedHosts = ["127.0.0.1"] };

    /// <summary>
    /// An Azure Storage server on the test Azurite (or the storage <paramref name="connectionString"/> names), with a task
    /// hub of its own and a fixed worker id.
    /// </summary>
    public static ServerSettings AzureStorage(string? connectionString = null) => new()
    {
        Engine = ServerEngine.AzureStorage,
        Storage = connectionString ?? TestStorage.ConnectionString,
        TaskHub = NewTaskHub(),
        WorkerId = "test-worker-" + Guid.NewGuid().ToString("N")[..8],
        AllowedHosts = ["127.0.0.1"],
    };

    /// <summary>The same settings on the given engine (a new task hub for Azure Storage).</summary>
    public static ServerSettings For(ServerEngine engine) => engine == ServerEngine.InMemory ? InMemory() : AzureStorage();

    /// <summary>A task hub name no other test uses: letters and digits, starting with a letter.</summary>
    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>These settings plus one more.</summary>
    public ServerSettings With(string name, string value) => this with { Extra = Extra.SetItem(name, value) };

    /// <summary>These settings plus an API key callers may send, recorded as <paramref name="name"/>.</summary>
    public ServerSettings WithApiKey(string name, string key) => this with { ApiKeys = ApiKeys.SetItem(name, key) };

    /// <summary>The environment variables that carry these settings for a server at <paramref name="baseAddress"/>.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(variables, "DurableTask__Engine", Engine?.ToString());
        Put(variables, "AzureWebJobsStorage", Storage);
        Put(variables, "DurableTask__TaskHub", TaskHub);
        Put(variables, "DurableTask__WorkerId", WorkerId);
        Put(variables, "ASPNETCORE_ENVIRONMENT", HostEnvironment);
        variables["Server__AllowAnonymous"] = AllowAnonymous ? "true" : "false";
        foreach (var (name, key) in ApiKeys)
        {
            variables[$"Server__ApiKeys__{name}"] = key;
        }

        for (var index = 0; index < AllowedHosts.Length; index++)
        {
            variables[$"Tools__Http__AllowedHosts__{index}"] = AllowedHosts[index];
        }

        if (PublicBaseUrlIsSelf)
        {
            variables["Approvals__PublicBaseUrl"] = baseAddress.GetLeftPart(UriPartial.Authority);
        }

        foreach (var (name, value) in Extra)
        {
            variables[name] = value;
        }

        return variables;
    }

    private static void Put(Dictionary<string, string> variables, string name, string? value)
    {
        if (value is not null)
        {
            variables[name] = value;
        }
    }
}
