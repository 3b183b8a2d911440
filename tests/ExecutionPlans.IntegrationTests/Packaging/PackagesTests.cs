using System.Text.RegularExpressions;
using System.Xml.Linq;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>
/// The packages <c>dotnet pack</c> makes of the solution: the four libraries and nothing else, each with the metadata a
/// package page shows (id, description, MIT license, readme, repository) and the references between them.
/// </summary>
[Collection(PackedLibrariesGroup.Name)]
public sealed partial class PackagesTests(PackedLibraries packed)
{
    private const string Repository = "https://github.com/executionplans/ExecutionPlanFunctions";

    public static TheoryData<string> Libraries => new(PackedLibraries.Ids);

    [Fact]
    public void Pack_Solution_PacksTheFourLibrariesOnly()
    {
        var ids = packed.Packages.Select(package => package.Id).Order(StringComparer.Ordinal);
        var symbols = packed.Packages.Select(package => $"{package.Id}.{package.Version}.snupkg").Order(StringComparer.Ordinal);

        Assert.Equal(PackedLibraries.Ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(symbols, packed.SymbolsPackages);
        Assert.DoesNotContain("warning", packed.Pack.Output.Replace("warning NU1603", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_DescribedAsItsProjectFile(string id)
    {
        var package = packed[id];

        Assert.Equal(ProjectFile(id).Descendants("Description").Single().Value, package.Description);
        Assert.Equal("ExecutionPlans contributors", package.Authors);
        Assert.Contains("execution-plan", package.Tags);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_MitLicensedAsTheLicenseFile(string id)
    {
        var license = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "LICENSE"));

        Assert.Equal(("expression", "MIT"), packed[id].License);
        Assert.Equal("MIT License", license[0]);
        Assert.Contains("Copyright (c) 2026 ExecutionPlans contributors", license);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_CarriesTheReadmeBesideItsProject(string id)
    {
        var package = packed[id];
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", id, "README.md"));

        Assert.Equal("README.md", package.Readme);
        Assert.Contains(package.Readme, package.Files);
        Assert.Equal(readme, package.ReadText(package.Readme));
        Assert.StartsWith($"# {id}\n", readme, StringComparison.Ordinal);
        Assert.Contains(Repository, readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_NamesTheRepositoryAndCommit(string id)
    {
        var package = packed[id];

        Assert.Equal("git", package.Repository.Type);
        Assert.Equal(Repository, package.Repository.Url);
        Assert.Matches(CommitId(), package.Repository.Commit);
        Assert.Equal(Repository, package.ProjectUrl);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_ShipsItsAssemblyWithXmlDocs(string id)
    {
        var files = packed[id].Files;

        Assert.Contains($"lib/net10.0/{id}.dll", files);
        Assert.Contains($"lib/net10.0/{id}.xml", files);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Pack_Library_DependsOnTheLibrariesItReferencesAtTheirPackedVersion(string id)
    {
        var package = packed[id];
        var referenced = ProjectFile(id).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.All(referenced, library => Assert.Equal(package.Version, Assert.Contains(library, package.Dependencies)));
        Assert.DoesNotContain(package.Dependencies.Keys, dependency => dependency.EndsWith(".Analyzers", StringComparison.Ordinal));
    }

    private static XDocument ProjectFile(string id) => XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", id, $"{id}.csproj"));

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();
}
