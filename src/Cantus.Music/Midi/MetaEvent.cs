using System.Text;

namespace Cantus.Music.Midi;

/// <summary>
/// A meta event <c>FF type len data</c>. Unknown types are kept as they are. Typed readers
/// (<see cref="Text"/>, <see cref="MicrosecondsPerQuarter"/>, ...) interpret known types.
/// </summary>
public sealed record MetaEvent : MidiEvent
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Creates a meta event.</summary>
    public MetaEvent(long tick, byte type, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (type > 0x7F) throw new ArgumentOutOfRangeException(nameof(type), type, "Meta event type must be 0..127.");
        Tick = tick;
        Type = type;
        Data = data;
    }

    /// <summary>The meta event type (see <see cref="MetaEventType"/>).</summary>
    public byte Type { get; }

    /// <summary>The event's data bytes.</summary>
    public byte[] Data { get; }

    /// <summary>The text of a text-like event: UTF-8 when the bytes are valid UTF-8, else Latin-1; null for other types.</summary>
    public string? Text
    {
        get
        {
            if (!MetaEventType.IsText(Type)) return null;
            try { return StrictUtf8.GetString(Data); }
            catch (DecoderFallbackException) { return Encoding.Latin1.GetString(Data); }
        }
    }

    /// <summary>Tempo in microseconds per quarter note for a tempo event, else null.</summary>
    public int? MicrosecondsPerQuarter => Type == MetaEventType.Tempo && Data.Length >= 3 ? (Data[0] << 16) | (Data[1] << 8) | Data[2] : null;

    /// <summary>True for the end-of-track event.</summary>
    public bool IsEndOfTrack => Type == MetaEventType.EndOfTrack;

    /// <summary>A tempo event of <paramref name="microsecondsPerQuarter"/> (1..16,777,215).</summary>
    public static MetaEvent CreateTempo(long tick, int microsecondsPerQuarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microsecondsPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microsecondsPerQuarter, 0xFFFFFF);
        return new MetaEvent(tick, MetaEventType.Tempo, [(byte)(microsecondsPerQuarter >> 16), (byte)(microsecondsPerQuarter >> 8), (byte)microsecondsPerQuarter]);
    }

    /// <summary>A time signature event numerator/2^<paramref name="denominatorExponent"/>, 24 clocks per click, 8 32nds per quarter.</summary>
    public static MetaEvent CreateTimeSignature(long tick, int numerator, int denominatorExponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numerator, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(denominatorExponent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(denominatorExponent, 6);
        return new MetaEvent(tick, MetaEventType.TimeSignature, [(byte)numerator, (byte)denominatorExponent, 24, 8]);
    }

    /// <summary>A text-like event (track name, marker, ...) stored as UTF-8.</summary>
    public static MetaEvent CreateText(long tick, byte type, string text)
    {
        if (!MetaEventType.IsText(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "Not a text meta event type.");
        return new MetaEvent(tick, type, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The end-of-track event.</summary>
    public static MetaEvent CreateEndOfTrack(long tick) => new(tick, MetaEventType.EndOfTrack, []);
}
