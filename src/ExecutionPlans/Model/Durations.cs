using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace ExecutionPlans.Model;

/// <summary>Durations as people write them: ISO 8601 (<c>PT30S</c>, <c>P1D</c>) or a TimeSpan (<c>00:00:30</c>).</summary>
public static class Durations
{
    /// <summary>Parses an ISO 8601 duration or a TimeSpan.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The positive duration, when parsed.</param>
    /// <returns>Whether the text is a positive duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('P') || text.StartsWith('p'))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return false;
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>Writes a duration in ISO 8601 (<c>PT2S</c>).</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}

/// <summary>Reads a duration written either way (<see cref="Durations"/>) and writes it in ISO 8601.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Durations.TryParse(reader.GetString(), out var duration)
            ? duration
            : throw new JsonException("A duration must be a positive ISO 8601 duration (PT30S) or TimeSpan (00:00:30) in a string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Durations.Format(value));
    }
}
