using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ExecutionPlans.Testing;

/// <summary>
/// An Azure Storage emulator of a test's own (the repository's pinned Azurite, <c>node_modules/.bin/azurite</c>), on three
/// free ports of 127.0.0.1 and a data folder of its own, started as <c>./test.sh</c> starts the run's emulator. A test
/// can stop it, to see what an outage looks like, and start it again on the same ports and data without disturbing any
/// other test. Disposing kills it and deletes the folder.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>How long a start may take until all three services listen.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop may take after SIGTERM before the emulator is killed and the stop fails.</summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The emulator's well-known account key, which must never show in what the app answers or logs.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Account = "devstoreaccount1";
    private const int KeptOutputLines = 200;

    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    private AzuriteProcess(string location, int blobPort, int queuePort, int tablePort)
    {
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The data folder.</summary>
    public string Location { get; }

    /// <summary>The blob service's port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service's port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    /// <summary>The emulator's connection string (its well-known development account and key).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>What the emulator wrote last.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts an emulator on free ports and a new data folder, and waits until it listens.</summary>
    public static async Task<AzuriteProcess> StartAsync()
    {
        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var azurite = new AzuriteProcess(location, LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        try
        {
            await azurite.StartAgainAsync();
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the emulator (again) on the same ports and data, and waits until all three services listen.</summary>
    public async Task StartAgainAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        process?.Dispose();
        process = Launch();
        var watch = Stopwatch.StartNew();
        while (!(await ListensAsync(BlobPort) && await ListensAsync(QueuePort) && await ListensAsync(TablePort)))
        {
            if (process.HasExited || watch.Elapsed > StartDeadline)
            {
                throw new InvalidOperationException(
                    $"Azurite did not listen on 127.0.0.1 ports {BlobPort}, {QueuePort} and {TablePort} within {StartDeadline.TotalSeconds:0} s " +
                    $"(exited: {process.HasExited}). Its output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops the emulator as an operator would (SIGTERM), so it keeps its data, and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not stop within {StopDeadline.TotalSeconds:0} s of SIGTERM and was killed. Its output:\n{Output}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(Location, recursive: true);
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private Process Launch()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run `npm ci` in {RepositoryPaths.Root} (./test.sh does).");
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            "--location", Location,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = start };
        started.OutputDataReceived += (_, line) => Keep(line.Data);
        started.ErrorDataReceived += (_, line) => Keep(line.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
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
