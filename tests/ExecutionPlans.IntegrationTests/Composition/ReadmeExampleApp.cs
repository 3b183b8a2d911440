using System.Security;
using System.Text.Json;
using ExecutionPlans.IntegrationTests.Packaging;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.Composition;

/// <summary>
/// The README's example built as a new user builds it: a console project as <c>dotnet new console</c> writes it
/// (warnings as errors on top), the packages the README adds, with the libraries taken from <see cref="PackedLibraries"/>,
/// and the README's C# block as its <c>Program.cs</c>, built once with <c>dotnet build</c> outside the repository.
/// Packages restore into a folder of the app's own; the machine's package cache serves as a fallback, so only what
/// it lacks is fetched.
/// </summary>
public sealed class ReadmeExampleApp : IDisposable
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(1);

    // The example reads all of its settings from the environment; the test run's own must not reach it.
    private static readonly string[] RemovedSettings =
    [
        "AzureOpenAI__", "OpenAI__", "ModelClient__", "Planner__", "Plans__", "Execution__", "Tools__", "Logging__", "DOTNET_ENVIRONMENT",
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("executionplans-readme-").FullName;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ChildResult? build;

    /// <summary>The example as the README has it.</summary>
    public ReadmeExample Example { get; } = ReadmeExample.Read();

    /// <summary>Builds the app once (later calls return the first build) and returns how the build went.</summary>
    public async Task<ChildResult> BuildAsync(PackedLibraries packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        await gate.WaitAsync();
        try
        {
            if (build is null)
            {
                WriteProject(packed);
                build = await ChildProcess.DotnetAsync(["build", "--disable-build-servers"], directory, BuildDeadline);
            }

            return build.EnsureSucceeded();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs the built app with <paramref name="settings"/> as its environment's settings.</summary>
    public Task<ChildResult> RunAsync(IReadOnlyDictionary<string, string> settings) =>
        ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(directory, "bin", "Debug", "net10.0", "PlanDemo.dll")],
            directory,
            RunDeadline,
            settings,
            RemovedSettings);

    /// <summary>The version of each package the app restored, from its assets file.</summary>
    public IReadOnlyDictionary<string, string> RestoredPackages() => PackagesIn(Path.Combine(directory, "obj", "project.assets.json"));

    /// <summary>The version of each package in a project's <c>project.assets.json</c>.</summary>
    public static IReadOnlyDictionary<string, string> PackagesIn(string assetsFile)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        return assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        gate.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private void WriteProject(PackedLibraries packed)
    {
        var references = Example.Packages.Select(package =>
        {
            // The README names the libraries' release version; the app takes the one packed for this run.
            var version = PackedLibraries.Ids.Contains(package.Id) ? packed[package.Id].Version : package.Version;
            return $"""    <PackageReference Include="{package.Id}" Version="{version}" />""";
        });
        File.WriteAllText(Path.Combine(directory, "PlanDemo.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {string.Join('\n', references)}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ExecutionPlans" value="{SecurityElement.Escape(packed.Folder)}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Combine(directory, "packages"))}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{SecurityElement.Escape(MachinePackages)}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Example.Program);
    }

    private static string MachinePackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
