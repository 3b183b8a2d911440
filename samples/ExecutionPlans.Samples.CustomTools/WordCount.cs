using System.ComponentModel;

namespace ExecutionPlans.Samples.CustomTools;

/// <summary>A tool written as a plain method: its parameters become the tool's schema.</summary>
public static class WordCount
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "count_words";

    /// <summary>Counts the words and characters of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The counts.</returns>
    public static WordCountResult Count([Description("The text to count.")] string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WordCountResult(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, text.Length);
    }
}

/// <summary>What <see cref="WordCount.Count"/> found.</summary>
/// <param name="Words">How many words.</param>
/// <param name="Characters">How many characters.</param>
public sealed record WordCountResult(int Words, int Characters);
