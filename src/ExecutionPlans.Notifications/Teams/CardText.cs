using System.Text;

namespace ExecutionPlans.Notifications.Teams;

/// <summary>
/// Makes plan text safe to show on an Adaptive Card. Plan text comes from a model, and card hosts render a subset
/// of Markdown and turn addresses into links, so a plan could otherwise show bold claims or links that look like
/// the card's own. A zero-width space goes after every character that starts Markdown, HTML or an entity, between
/// <c>:</c> and <c>//</c>, after <c>www</c>, and before a line that would start a list: the text reads the same,
/// formats nothing and links nowhere. Control characters other than line breaks, and the direction overrides
/// that could make text read backwards, are dropped.
/// </summary>
internal static class CardText
{
    /// <summary>The character that breaks Markdown up without showing.</summary>
    public const char Breaker = '\u200B';

    private const string MarkdownChars = "*_~`[]()<>#|!&\\";

    /// <summary>The text, cut to <paramref name="maxChars"/> and made plain.</summary>
    public static string Plain(string? text, int maxChars)
    {
        var cut = NotificationText.Cut((text ?? string.Empty).ReplaceLineEndings("\n"), maxChars);
        var plain = new StringBuilder(cut.Length + 16);
        var lineStart = true;
        for (var i = 0; i < cut.Length; i++)
        {
            var c = cut[i] == '\t' ? ' ' : cut[i];
            if ((char.IsControl(c) && c != '\n') || IsDirectionOverride(c))
            {
                continue;
            }

            if (lineStart && StartsList(cut, i))
            {
                plain.Append(Breaker);
            }

            plain.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
            if (MarkdownChars.Contains(c, StringComparison.Ordinal)
                || (c == ':' && i + 2 < cut.Length && cut[i + 1] == '/' && cut[i + 2] == '/')
                || (c is 'w' or 'W' && i >= 2 && i + 1 < cut.Length && cut[i + 1] == '.' && cut.AsSpan(i - 2, 3).Equals("www", StringComparison.OrdinalIgnoreCase)))
            {
                plain.Append(Breaker);
            }
        }

        return plain.ToString();
    }

    private static bool IsDirectionOverride(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Whether a list marker (<c>-</c>, <c>+</c>, <c>1.</c>, <c>1)</c>) starts at <paramref name="index"/>.</summary>
    private static bool StartsList(string text, int index)
    {
        var c = text[index];
        if (c is '-' or '+' or '=')
        {
            return true;
        }

        if (!char.IsAsciiDigit(c) || (index > 0 && char.IsAsciiDigit(text[index - 1])))
        {
            return false;
        }

        var end = index;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end < text.Length && text[end] is '.' or ')';
    }
}
