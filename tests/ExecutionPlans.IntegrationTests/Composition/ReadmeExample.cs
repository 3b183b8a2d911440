using System.Text.RegularExpressions;
using ExecutionPlans.Testing;

namespace ExecutionPlans.IntegrationTests.Composition;

/// <summary>
/// The README's section <see cref="Heading"/> as a new user reads it: the packages its shell block adds
/// (<c>dotnet add package ID --version V</c>) and its C# block, the whole <c>Program.cs</c>.
/// </summary>
public sealed partial class ReadmeExample
{
    public const string Heading = "## The library in your own process";

    private ReadmeExample(string program, IReadOnlyList<(string Id, string? Version)> packages)
    {
        Program = program;
        Packages = packages;
    }

    /// <summary>The text of the section's one <c>```csharp</c> block.</summary>
    public string Program { get; }

    /// <summary>The packages the section's <c>```bash</c> blocks add, in order, with the version each names.</summary>
    public IReadOnlyList<(string Id, string? Version)> Packages { get; }

    /// <summary>Reads the section from the repository's README.md.</summary>
    /// <exception cref="InvalidDataException">The README has no such section, or not one C# block in it.</exception>
    public static ReadmeExample Read()
    {
        var path = Path.Combine(RepositoryPaths.Root, "README.md");
        var blocks = FencedBlocks(Section(File.ReadAllLines(path), path)).ToList();
        var programs = blocks.Where(block => block.Language == "csharp").ToList();
        if (programs.Count != 1)
        {
            throw new InvalidDataException($"{path}: the section '{Heading}' has {programs.Count} csharp blocks; it should have one, the example.");
        }

        var packages = blocks.Where(block => block.Language == "bash")
            .SelectMany(block => AddPackage().Matches(block.Text))
            .Select(match => (match.Groups["id"].Value, match.Groups["version"].Success ? match.Groups["version"].Value : null))
            .ToList();
        return new ReadmeExample(programs[0].Text, packages);
    }

    /// <summary>The lines from the heading to the next heading of the same or a higher level, outside code blocks.</summary>
    private static List<string> Section(string[] lines, string path)
    {
        var start = Array.IndexOf(lines, Heading);
        if (start < 0)
        {
            throw new InvalidDataException($"{path} has no line '{Heading}'.");
        }

        var section = new List<string>();
        var fenced = false;
        foreach (var line in lines.Skip(start + 1))
        {
            fenced ^= line.StartsWith("```", StringComparison.Ordinal);
            if (!fenced && (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal)))
            {
                break;
            }

            section.Add(line);
        }

        return section;
    }

    private static IEnumerable<(string Language, string Text)> FencedBlocks(List<string> lines)
    {
        for (var index = 0; index < lines.Count; index++)
        {
            if (!lines[index].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[index][3..].Trim();
            var end = lines.FindIndex(index + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidDataException($"The README's block at '{lines[index]}' in '{Heading}' is never closed.");
            }

            yield return (language, string.Join('\n', lines[(index + 1)..end]) + "\n");
            index = end;
        }
    }

    [GeneratedRegex(@"^dotnet add package (?<id>[\w.]+)(?: --version (?<version>\S+))?\s*$", RegexOptions.Multiline)]
    private static partial Regex AddPackage();
}
