using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ExecutionPlans.Testing;

namespace ExecutionPlans.Infrastructure.Tests;

/// <summary>infra/ compiles with the Bicep compiler, without warnings, and deploys what the app needs.</summary>
public sealed class InfrastructureTests
{
    private static readonly string Bicep = typeof(InfrastructureTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    [Fact]
    public async Task MainBicep_Compiles_WithoutWarningsToATemplateWithTheFunctionsApp()
    {
        Assert.True(File.Exists(Bicep), $"The Bicep compiler is not at {Bicep}; restore the test project.");
        var main = Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");

        // NuGet extracts the compiler without its execute bit (the package is the linux-x64 build).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Bicep, File.GetUnixFileMode(Bicep) | UnixFileMode.UserExecute);
        }

        var (exitCode, output, errors) = await RunAsync(Bicep, "build", main, "--stdout");

        Assert.True(exitCode == 0, errors);
        Assert.DoesNotContain("Warning", errors, StringComparison.OrdinalIgnoreCase);
        using var template = JsonDocument.Parse(output);
        var text = template.RootElement.GetRawText();
        Assert.Contains("subscriptionDeploymentTemplate", template.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        foreach (var expected in new[] { "Microsoft.Web/sites", "FlexConsumption", "dotnet-isolated", "AzureWebJobsStorage__accountName", "azd-service-name", "Approvals__SigningKey" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }
}
