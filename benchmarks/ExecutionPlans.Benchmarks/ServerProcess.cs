using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ExecutionPlans.Benchmarks;

/// <summary>
/// The server under test, started the way a user starts it: <c>dotnet ExecutionPlans.Server.dll --urls ...</c>
/// with settings in environment variables. Its console output goes to a log file.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly StreamWriter log;
    private bool logClosed;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>Starts the server and waits until <c>GET /api/health</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string label, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var logFolder = Path.Combine(Path.GetTempPath(), "executionplans-benchmarks");
        Directory.CreateDirectory(logFolder);
        var logPath = Path.Combine(logFolder, $"server-{label}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, new StreamWriter(logPath) { AutoFlush = true }, baseAddress, logPath);
        process.OutputDataReceived += (_, line) => server.Write(line.Data);
        process.ErrorDataReceived += (_, line) => server.Write(line.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server as Ctrl+C would (SIGTERM), and kills it if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsRunning())
        {
            if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        lock (log)
        {
            logClosed = true;
            log.Dispose();
        }
    }

    private bool IsRunning()
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            // Never started.
            return false;
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not answer /api/health within {StartTimeout.TotalSeconds} s; see {LogPath}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (!logClosed)
            {
                log.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
