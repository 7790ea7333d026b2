using System.Diagnostics;
using Cantus.Music.Midi;

namespace Cantus.Music.Tests.Midi;

public class MidiReaderTests_Invalid
{
    private static MidiFormatException Fails(byte[] bytes, string expected, MidiReadingSettings? settings = null)
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<MidiFormatException>(() => MidiFile.Parse(bytes, settings));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static byte[] Patch(byte[] bytes, int offset, params byte[] values)
    {
        values.CopyTo(bytes, offset);
        return bytes;
    }

    [Fact]
    public void OneByteFile() => Fails([0x4D], "not a Standard MIDI File");

    [Fact]
    public void EmptyFile() => Fails([], "not a Standard MIDI File");

    [Fact]
    public void WavRenamedMid()
    {
        byte[] wav = [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8, 16, 0, 0, 0];
        Fails(wav, "WAV audio file");
    }

    [Fact]
    public void TrackLengthAllOnes()
    {
        var ex = Fails(Patch(MidiBytes.Format0, 18, 0xFF, 0xFF, 0xFF, 0xFF), "declares 4294967295 bytes");
        Assert.Equal("MTrk", ex.Chunk);
        Assert.Equal(0, ex.Track);
        Assert.Equal(18, ex.ByteOffset);
    }

    [Fact]
    public void HeaderLengthAllOnes() => Fails(Patch(MidiBytes.Format0, 4, 0xFF, 0xFF, 0xFF, 0xFF), "header chunk length 4294967295 exceeds the file");

    [Fact]
    public void VariableLengthQuantityOverFourBytes()
    {
        var ex = Fails(Patch(MidiBytes.Format0, 22, 0x81, 0x81, 0x81, 0x81), "longer than 4 bytes");
        Assert.Equal(22, ex.ByteOffset);
        Assert.Equal(0, ex.EventIndex);
    }

    [Fact]
    public void DivisionZero() => Fails(Patch(MidiBytes.Format0, 12, 0, 0), "division is 0");

    [Fact]
    public void TempoZero() => Fails(Patch(MidiBytes.Format0, 26, 0, 0, 0), "tempo of 0");

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(255)]
    public void TimeSignatureDenominatorExponent(byte exponent) =>
        Fails(Patch(MidiBytes.Format1, 27, exponent), "denominator exponent");

    [Fact]
    public void MissingEndOfTrack()
    {
        var bytes = MidiBytes.Format0[..^4];
        bytes[21] -= 4;
        Fails(bytes, "no end-of-track");
    }

    [Fact]
    public void StrayDataByte()
    {
        // Replace the first event's FF (meta) so the track starts with a data byte and no running status.
        Fails(Patch(MidiBytes.Format0, 23, 0x10), "data byte 0x10 with no running status");
    }

    [Fact]
    public void WrongTrackCount() => Fails(Patch(MidiBytes.Format1, 11, 3), "declares 3 tracks but the file has 2");

    [Fact]
    public void FileOverLimit() =>
        Fails(MidiBytes.Format0, "more than the limit of 10", new MidiReadingSettings { Limits = new MidiLimits { MaxFileBytes = 10 } });

    [Fact]
    public void EventsOverLimit() =>
        Fails(MidiBytes.Format0, "more than 3 events", new MidiReadingSettings { Limits = new MidiLimits { MaxEvents = 3 } });

    [Fact]
    public void TicksOverLimit() =>
        Fails(MidiBytes.Format0, "beyond the limit of 100 ticks", new MidiReadingSettings { Limits = new MidiLimits { MaxTicks = 100 } });

    [Fact]
    public void DurationOverLimit() =>
        Fails(MidiBytes.Format0, "more than the limit of 1 s", new MidiReadingSettings { Limits = new MidiLimits { MaxDurationSeconds = 1 } });

    [Fact]
    public void OneMicrosecondTempoWithHugeTicksIsBounded()
    {
        // A year-long note at the slowest tempo: 2^28 ticks at 16.7 s per quarter.
        var track = new MidiTrack([MetaEvent.CreateTempo(0, 0xFFFFFF), new ChannelEvent(0, MidiCommand.NoteOn, 0, 60, 100), new ChannelEvent(0x0FFFFFFF, MidiCommand.NoteOff, 0, 60)]);
        Fails(new MidiFile(0, TimeDivision.PerQuarter(1), [track]).ToBytes(), "more than the limit of 21600 s");
    }

    [Fact]
    public void SmpteWithBadFrameRate() => Fails(Patch(MidiBytes.Smpte, 12, 0xE0, 40), "SMPTE division with 32 frames per second");

    [Fact]
    public void StreamLargerThanLimitIsRejectedBeforeReading()
    {
        using var stream = new MemoryStream(new byte[64]);
        Assert.Throws<MidiFormatException>(() => MidiFile.Read(stream, new MidiReadingSettings { Limits = new MidiLimits { MaxFileBytes = 32 } }));
    }
}
