using System.Globalization;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>
/// The solution packed once for the tests that read or use its packages: <c>dotnet pack</c> of
/// <see cref="RepositoryPaths.SolutionFile"/> without building (the test project's references built the libraries in
/// the tests' configuration) into a folder of its own, deleted afterwards. The packages get a version of their own
/// (<c>0.1.0-test-…</c>), so a restore can never take a package of the same version from an earlier run out of a
/// package cache.
/// </summary>
public sealed class PackedLibraries : IAsyncLifetime
{
    /// <summary>The packages the libraries are packed as; nothing else in the solution is packable.</summary>
    public static readonly string[] Ids = ["ExecutionPlans", "ExecutionPlans.Workflow", "ExecutionPlans.Notifications", "ExecutionPlans.Http", "ExecutionPlans.Mcp"];

    private static readonly TimeSpan PackDeadline = TimeSpan.FromMinutes(5);

    private readonly string root = Directory.CreateTempSubdirectory("executionplans-packages-").FullName;
    private readonly string suffix = "test-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The folder holding the packages: a local package source.</summary>
    public string Folder => Path.Combine(root, "feed");

    /// <summary>How <c>dotnet pack</c> went.</summary>
    public ChildResult Pack { get; private set; } = null!;

    /// <summary>Every <c>.nupkg</c> the pack wrote, symbols packages aside.</summary>
    public IReadOnlyList<NuGetPackage> Packages { get; private set; } = [];

    /// <summary>The file names of the symbols packages (<c>.snupkg</c>) the pack wrote.</summary>
    public IReadOnlyList<string> SymbolsPackages { get; private set; } = [];

    /// <summary>The package with the id; fails when the pack wrote none.</summary>
    public NuGetPackage this[string id] =>
        Packages.SingleOrDefault(package => package.Id == id)
        ?? throw new InvalidOperationException($"The pack wrote no package {id}. {Pack.Printed}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Pack = await ChildProcess.DotnetAsync(
            [
                "pack", RepositoryPaths.SolutionFile, "--configuration", RepositoryPaths.Configuration, "--no-build", "--no-restore",
                "--disable-build-servers", "--version-suffix", suffix, $"-p:PackageOutputPath={Folder}/",

                // The generated .nuspec files go with the packages rather than pile up in the projects' obj folders.
                $"-p:NuspecOutputPath={Path.Combine(root, "nuspec")}/",
            ],
            RepositoryPaths.Root,
            PackDeadline);
        Pack.EnsureSucceeded();
        Packages = [.. Directory.GetFiles(Folder, "*.nupkg").Order(StringComparer.Ordinal).Select(NuGetPackage.Read)];
        SymbolsPackages = [.. Directory.GetFiles(Folder, "*.snupkg").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
