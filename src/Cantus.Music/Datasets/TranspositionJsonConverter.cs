using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cantus.Music.Datasets;

/// <summary>Reads and writes a <see cref="Transposition"/> as its <see cref="Transposition.Name"/> ("none", "all", "3"); a bare number is read too.</summary>
public sealed class TranspositionJsonConverter : JsonConverter<Transposition>
{
    /// <inheritdoc/>
    public override Transposition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number when reader.TryGetInt32(out var k) => k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        return Transposition.TryParse(text, null, out var result)
            ? result
            : throw new JsonException($"transposition must be \"none\", \"all\" or a number of semitones 1..127, not {(text is null ? reader.TokenType.ToString() : $"'{text}'")}.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Transposition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
