using System.Globalization;
using System.Text.Json;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// Streaming parser of <c>Jsb16thSeparated.json</c> on <see cref="Utf8JsonReader"/>: one pass,
/// no DOM; each piece's pitches go to a reused buffer, then straight into its piano rolls.
/// Strict: exactly the keys train/valid/test (each once), 4 integer voices per step in -1..127.
/// </summary>
internal sealed class JsbChoralesParser
{
    private static readonly string[] SplitNames = ["train", "valid", "test"];
    private const int Voices = 4;

    private readonly string _sourceName;
    private readonly JsbLoadOptions _options;
    private sbyte[] _buffer = new sbyte[4096]; // (steps, 4) pitches of the piece being read
    private long _totalSteps;
    private string? _split;
    private int? _piece;
    private int? _step;

    public JsbChoralesParser(string sourceName, JsbLoadOptions options)
    {
        _sourceName = sourceName;
        _options = options;
    }

    /// <summary>Returns the pieces of train, valid and test, in that order.</summary>
    public List<DatasetPiece>[] Parse(ReadOnlySpan<byte> utf8Json)
    {
        var result = new List<DatasetPiece>?[3];
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            Next(ref reader, JsonTokenType.StartObject, "the file must be a JSON object {\"train\": ..., \"valid\": ..., \"test\": ...}");
            while (true)
            {
                if (!reader.Read()) throw Error("unexpected end of file", reader.BytesConsumed);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var index = SplitIndex(ref reader);
                if (result[index] is not null) throw Error($"split \"{SplitNames[index]}\" appears twice", reader.TokenStartIndex);
                _split = SplitNames[index];
                result[index] = ReadSplit(ref reader);
                _split = null;
            }
            if (reader.Read()) throw Error("unexpected content after the top-level object", reader.TokenStartIndex);
        }
        catch (JsonException ex)
        {
            throw Error($"invalid JSON: {ex.Message}", reader.BytesConsumed, ex);
        }
        for (var i = 0; i < 3; i++)
            if (result[i] is null) throw Error($"split \"{SplitNames[i]}\" is missing", null);
        return [result[0]!, result[1]!, result[2]!];
    }

    private int SplitIndex(ref Utf8JsonReader reader)
    {
        // Only property names can appear here: the reader rejects a value without a name in an object.
        for (var i = 0; i < SplitNames.Length; i++)
            if (reader.ValueTextEquals(SplitNames[i])) return i;
        var name = reader.GetString();
        throw Error($"unknown key \"{Truncate(name)}\"; expected train, valid or test", reader.TokenStartIndex);
    }

    private List<DatasetPiece> ReadSplit(ref Utf8JsonReader reader)
    {
        Next(ref reader, JsonTokenType.StartArray, "a split must be an array of chorales");
        var pieces = new List<DatasetPiece>();
        while (true)
        {
            if (!reader.Read()) throw Error("unexpected end of file", reader.BytesConsumed);
            if (reader.TokenType == JsonTokenType.EndArray) return pieces;
            _piece = pieces.Count;
            if (pieces.Count >= _options.MaxPiecesPerSplit)
                throw Error($"more than {_options.MaxPiecesPerSplit} pieces (JsbLoadOptions.MaxPiecesPerSplit)", reader.TokenStartIndex);
            Expect(ref reader, JsonTokenType.StartArray, "a chorale must be an array of steps");
            var steps = ReadPieceSteps(ref reader);
            pieces.Add(new DatasetPiece(
                string.Create(CultureInfo.InvariantCulture, $"{_split}/{pieces.Count}"), BuildRoll(steps)));
            _piece = null;
        }
    }

    private int ReadPieceSteps(ref Utf8JsonReader reader)
    {
        var steps = 0;
        while (true)
        {
            if (!reader.Read()) throw Error("unexpected end of file", reader.BytesConsumed);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            _step = steps;
            if (steps >= _options.MaxStepsPerPiece)
                throw Error($"more than {_options.MaxStepsPerPiece} steps (JsbLoadOptions.MaxStepsPerPiece)", reader.TokenStartIndex);
            if (++_totalSteps > _options.MaxTotalSteps)
                throw Error($"more than {_options.MaxTotalSteps} steps in the file (JsbLoadOptions.MaxTotalSteps)", reader.TokenStartIndex);
            Expect(ref reader, JsonTokenType.StartArray, "a step must be an array [soprano, alto, tenor, bass]");
            if ((steps + 1) * Voices > _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            ReadStep(ref reader, _buffer.AsSpan(steps * Voices, Voices));
            steps++;
        }
        _step = null;
        return steps;
    }

    private void ReadStep(ref Utf8JsonReader reader, Span<sbyte> voices)
    {
        var count = 0;
        while (true)
        {
            if (!reader.Read()) throw Error("unexpected end of file", reader.BytesConsumed);
            if (reader.TokenType == JsonTokenType.EndArray) break;
            if (count == Voices) throw Error($"a step has more than {Voices} voices", reader.TokenStartIndex);
            voices[count++] = ReadPitch(ref reader, count);
        }
        if (count != Voices) throw Error($"a step has {count} voices; expected {Voices} (soprano, alto, tenor, bass)", reader.TokenStartIndex);
    }

    private sbyte ReadPitch(ref Utf8JsonReader reader, int voiceNumber)
    {
        var voice = JsbChoralesLoader.VoiceNames[voiceNumber - 1];
        if (reader.TokenType != JsonTokenType.Number)
            throw Error($"{voice}: expected a MIDI pitch number, found {Describe(reader.TokenType)}", reader.TokenStartIndex);
        int pitch;
        if (!reader.TryGetInt32(out pitch))
        {
            // Some copies of the data store pitches as 60.0; accept integral values only.
            if (!reader.TryGetDouble(out var d) || d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
                throw Error($"{voice}: pitch {Truncate(System.Text.Encoding.UTF8.GetString(reader.ValueSpan))} is not an integer", reader.TokenStartIndex);
            pitch = (int)d;
        }
        if (pitch < -1 || pitch > 127) throw Error($"{voice}: pitch {pitch} is outside -1..127", reader.TokenStartIndex);
        return (sbyte)pitch;
    }

    private Multitrack BuildRoll(int steps)
    {
        var roll = new Multitrack(steps, 4, _options.TempoBpm, TimeSignature.Common);
        var velocity = _options.Velocity;
        for (var v = 0; v < Voices; v++)
        {
            var cells = roll.AddTrack(JsbChoralesLoader.VoiceNames[v], _options.Program).MutableCells;
            for (var s = 0; s < steps; s++)
            {
                var pitch = _buffer[s * Voices + v];
                if (pitch >= 0) cells[s * PianoRollTrack.PitchCount + pitch] = velocity;
            }
        }
        return roll;
    }

    private void Next(ref Utf8JsonReader reader, JsonTokenType expected, string problem)
    {
        if (!reader.Read()) throw Error("unexpected end of file", reader.BytesConsumed);
        Expect(ref reader, expected, problem);
    }

    private void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string problem)
    {
        if (reader.TokenType != expected) throw Error($"{problem}; found {Describe(reader.TokenType)}", reader.TokenStartIndex);
    }

    private InvalidDataException Error(string problem, long? offset, Exception? inner = null) =>
        DatasetErrors.Create(problem, _sourceName, _split, _piece, _step, offset, inner);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.PropertyName => "a key",
        _ => type.ToString(),
    };

    private static string Truncate(string? text) =>
        text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
