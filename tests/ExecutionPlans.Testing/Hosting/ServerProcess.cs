using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ExecutionPlans.Testing;

/// <summary>
/// The server as a separate process (<c>dotnet ExecutionPlans.Server.dll --urls http://127.0.0.1:PORT</c>), configured
/// by environment variables only. Its output is kept for failure messages. Disposing kills it if it still runs.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>How long a start may take until <c>GET /api/health</c> answers.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful stop may take before the process is killed and the stop fails.</summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    private const int KeptOutputLines = 400;

    // Inherited settings would leak into "no configuration at all"; the child sees only what a test gives it.
    private static readonly string[] InheritedSettingPrefixes =
    [
        "DurableTask__", "AzureOpenAI__", "OpenAI__", "ModelClient__", "Tools__", "Approvals__", "Workflow__", "Plans__",
        "Notifications__", "Logging__", "Server__", "AzureWebJobsStorage", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "Urls",
    ];

    private readonly Process process;
    private readonly ConcurrentQueue<string> output;
    private readonly ConcurrentBag<HttpClient> callerClients = [];

    private ServerProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress, ServerSettings settings)
    {
        this.process = process;
        this.output = output;
        BaseAddress = baseAddress;
        Settings = settings;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api = new PlansClient(Http, () => Output);
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The settings it was started with.</summary>
    public ServerSettings Settings { get; }

    /// <summary>A client for the server's address.</summary>
    public HttpClient Http { get; }

    /// <summary>The plan API of this server.</summary>
    public PlansClient Api { get; }

    /// <summary>
    /// The plan API of this server for a caller who sends <paramref name="header"/> with every request, such as
    /// <c>X-API-Key</c> or <c>Authorization</c>; the client lives as long as the server.
    /// </summary>
    public PlansClient ApiAs(string header, string value)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = Http.Timeout };
        http.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        callerClients.Add(http);
        return new PlansClient(http, () => Output);
    }

    /// <summary>The process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts a server and waits until <c>GET /api/health</c> answers 200.</summary>
    /// <param name="settings">What the server is configured with.</param>
    /// <param name="serverDll">The server to run; the one built beside the tests (<see cref="ServerBinary"/>) by default.</param>
    public static async Task<ServerProcess> StartAsync(ServerSettings settings, string? serverDll = null)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // The port is free when chosen but could be taken before the server binds it; then try another.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(settings, LoopbackPort.Free(), serverDll ?? ServerBinary.Path);
            try
            {
                await server.WaitUntilHealthyAsync();
                return server;
            }
            catch (ServerStartException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Kills the process and its children at once (SIGKILL on Linux), and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits until it exits; kills it and fails after <see cref="StopDeadline"/>.</summary>
    public async Task<ServerExit> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        await SendTerminateAsync();
        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new InvalidOperationException($"The server did not stop within {StopDeadline.TotalSeconds:0} s of SIGTERM and was killed. Output:\n{Output}");
        }

        return new ServerExit(process.ExitCode, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            Http.Dispose();
            foreach (var client in callerClients)
            {
                client.Dispose();
            }

            process.Dispose();
        }
    }

    private static ServerProcess Launch(ServerSettings settings, int port, string serverDll)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var name in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings.ToEnvironment(baseAddress))
        {
            start.Environment[name] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, output, baseAddress, settings);
    }

    private async Task WaitUntilHealthyAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartDeadline)
        {
            if (process.HasExited)
            {
                // Reads what it wrote last (the reason it stopped) to the end before saying so.
                await process.WaitForExitAsync();
                throw new ServerStartException($"The server exited with code {process.ExitCode} before it answered /api/health. Output:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new ServerStartException($"The server did not answer /api/health within {StartDeadline.TotalSeconds:0} s. Output:\n{Output}");
    }

    private async Task SendTerminateAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("A graceful stop sends SIGTERM, which needs Linux or macOS.");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0 && !process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private static bool IsInheritedSetting(string name) =>
        InheritedSettingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > KeptOutputLines)
        {
            output.TryDequeue(out _);
        }
    }
}
