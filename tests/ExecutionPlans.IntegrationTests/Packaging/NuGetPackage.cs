using System.IO.Compression;
using System.Xml.Linq;

namespace ExecutionPlans.IntegrationTests.Packaging;

/// <summary>What a <c>.nupkg</c> holds: its file names and the metadata of its <c>.nuspec</c>.</summary>
public sealed class NuGetPackage
{
    private readonly XElement metadata;
    private readonly Dictionary<string, byte[]> files;

    private NuGetPackage(string path, XElement metadata, Dictionary<string, byte[]> files)
    {
        Path = path;
        this.metadata = metadata;
        this.files = files;
    }

    /// <summary>Where the package is.</summary>
    public string Path { get; }

    /// <summary>The package id.</summary>
    public string Id => Value("id");

    /// <summary>The package version.</summary>
    public string Version => Value("version");

    /// <summary>The description.</summary>
    public string Description => Value("description");

    /// <summary>The license element's text and its <c>type</c> (<c>expression</c> for an SPDX expression).</summary>
    public (string Type, string Value) License => Element("license") is { } license ? ((string?)license.Attribute("type") ?? string.Empty, license.Value) : (string.Empty, string.Empty);

    /// <summary>The path in the package of its readme, or empty.</summary>
    public string Readme => (string?)Element("readme") ?? string.Empty;

    /// <summary>The project URL.</summary>
    public string ProjectUrl => Value("projectUrl");

    /// <summary>The authors.</summary>
    public string Authors => Value("authors");

    /// <summary>The tags, in order.</summary>
    public IReadOnlyList<string> Tags => Value("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The repository element's <c>type</c>, <c>url</c> and <c>commit</c>, each empty when absent.</summary>
    public (string Type, string Url, string Commit) Repository => Element("repository") is { } repository
        ? ((string?)repository.Attribute("type") ?? string.Empty, (string?)repository.Attribute("url") ?? string.Empty, (string?)repository.Attribute("commit") ?? string.Empty)
        : (string.Empty, string.Empty, string.Empty);

    /// <summary>The dependencies of every target framework, as id and version range.</summary>
    public IReadOnlyDictionary<string, string> Dependencies =>
        metadata.Elements(metadata.Name.Namespace + "dependencies").Descendants(metadata.Name.Namespace + "dependency")
            .ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The paths of the files in the package, with <c>/</c> between folders.</summary>
    public IReadOnlyCollection<string> Files => files.Keys;

    /// <summary>Reads the package at <paramref name="path"/>.</summary>
    public static NuGetPackage Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Uri.UnescapeDataString(entry.FullName)] = copy.ToArray();
        }

        var nuspec = files.Keys.Single(name => !name.Contains('/', StringComparison.Ordinal) && name.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new MemoryStream(files[nuspec]);
        var document = XDocument.Load(reader);
        var root = document.Root ?? throw new InvalidDataException($"{path}: {nuspec} is empty.");
        return new NuGetPackage(path, root.Element(root.Name.Namespace + "metadata") ?? throw new InvalidDataException($"{path}: {nuspec} has no metadata."), files);
    }

    /// <summary>The text of the package file at <paramref name="path"/>.</summary>
    public string ReadText(string path) => System.Text.Encoding.UTF8.GetString(files[path]).TrimStart('\uFEFF');

    private XElement? Element(string name) => metadata.Element(metadata.Name.Namespace + name);

    private string Value(string name) => Element(name)?.Value ?? string.Empty;
}
