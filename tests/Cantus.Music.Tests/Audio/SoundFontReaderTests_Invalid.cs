using System.Buffers.Binary;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.Tests.Audio.Helpers;

namespace Cantus.Music.Tests.Audio;

/// <summary>Malformed SoundFonts give <see cref="SoundFontFormatException"/> naming the problem, never another exception.</summary>
public class SoundFontReaderTests_Invalid
{
    private static readonly byte[] Valid = new Sf2Builder().Build();

    [Fact]
    public void TheFixtureItselfIsValid() => Assert.Single(SoundFont.Load(new MemoryStream(Valid)).Presets);

    [Fact]
    public void TruncationAtEveryLengthIsRejected()
    {
        for (var length = 0; length < Valid.Length; length++)
        {
            var bytes = Valid.AsSpan(0, length).ToArray();
            AssertRejected(bytes, $"truncated to {length} bytes");
            AssertRejected(bytes, $"truncated to {length} bytes, read without seeking", seekable: false);
        }
    }

    [Fact]
    public void TruncationWithAConsistentRiffSizeIsRejected()
    {
        // The outer size is patched to match, so only the inner chunk sizes reveal the cut.
        for (var length = 12; length < Valid.Length; length += 7)
        {
            var bytes = Valid.AsSpan(0, length).ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(length - 8));
            AssertRejected(bytes, $"truncated to {length} bytes with RIFF size patched");
        }
    }

    [Fact]
    public void NotRiffOrNotSfbkIsRejected()
    {
        var bytes = (byte[])Valid.Clone();
        bytes[0] = (byte)'X';
        Assert.Contains("RIFF", AssertRejected(bytes, "bad magic").Message);
        bytes = (byte[])Valid.Clone();
        bytes[8] = (byte)'X';
        Assert.Contains("sfbk", AssertRejected(bytes, "bad form").Message);
    }

    [Fact]
    public void ChunkSizeBeyondItsParentIsRejected()
    {
        var bytes = (byte[])Valid.Clone();
        var info = IndexOf(bytes, "LIST"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(info + 4), 0x7FFF_FFF0);
        Assert.Contains("LIST", AssertRejected(bytes, "huge LIST").Message);
    }

    [Fact]
    public void RecordListWhoseSizeIsNotAMultipleOfTheRecordIsRejected() =>
        Assert.Contains("phdr", AssertRejected(new Sf2Builder { PhdrJunkBytes = 2 }.Build(), "phdr + 2 bytes").Message);

    [Fact]
    public void SampleEndBeyondTheDataIsRejected() =>
        Assert.Contains("beyond the sample data", AssertRejected(new Sf2Builder { SampleBounds = (0, 1047, 100, 900) }.Build(), "end beyond").Message);

    [Fact]
    public void LoopOutsideTheSampleIsRejected()
    {
        Assert.Contains("loop", AssertRejected(new Sf2Builder { SampleBounds = (0, 500, 100, 900) }.Build(), "loop end past sample end").Message);
        Assert.Contains("loop", AssertRejected(new Sf2Builder { SampleBounds = (200, 900, 100, 800) }.Build(), "loop start before sample start").Message);
        Assert.Contains("loop", AssertRejected(new Sf2Builder { SampleBounds = (0, 900, 800, 100) }.Build(), "inverted loop").Message);
    }

    [Fact]
    public void ZeroPresetsAreRejected()
    {
        var builder = new Sf2Builder();
        builder.Presets.Clear();
        Assert.Contains("no presets", AssertRejected(builder.Build(), "zero presets").Message);
    }

    [Fact]
    public void SampleIdOutOfRangeIsRejected() =>
        Assert.Contains("refers to sample 5", AssertRejected(new Sf2Builder { SampleId = 5 }.Build(), "sample 5 of 1").Message);

    [Fact]
    public void FileLargerThanTheLimitIsRejectedBeforeReading()
    {
        var e = Assert.Throws<SoundFontFormatException>(() => SoundFont.Load(new MemoryStream(Valid), new SoundFontReadOptions { MaxFileBytes = 1000 }));
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void RandomCorruptionIsRejectedOrPlaysSafely()
    {
        // Flip bytes anywhere: the reader must either reject the file or produce one that plays without
        // reading outside its data (playback clamps every offset into the sample data).
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])Valid.Clone();
            for (var k = 0; k < 3; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            SoundFont font;
            try
            {
                font = SoundFont.Load(new MemoryStream(bytes));
            }
            catch (SoundFontFormatException)
            {
                continue;
            }

            var synth = new Synthesizer(font);
            synth.NoteOn(0, random.Next(128), 1 + random.Next(127));
            synth.NoteOn(9, random.Next(128), 1 + random.Next(127));
            synth.Render(new float[2048], new float[2048]);
        }
    }

    [Fact]
    public void ExtremeGeneratorValuesPlayFiniteAudio()
    {
        // Every generator, at instrument and preset level, set to random extremes: values are clamped
        // at note-on, offsets are clamped into the sample data, so playback stays finite and in bounds.
        var random = new Random(7);
        for (var trial = 0; trial < 60; trial++)
        {
            var builder = new Sf2Builder();
            builder.Generators.Clear();
            for (var oper = 0; oper < 61; oper++)
            {
                if (oper is 41 or 53 or 43 or 44) continue;
                short Pick() => random.Next(4) switch { 0 => short.MinValue, 1 => short.MaxValue, 2 => 0, _ => (short)random.Next(short.MinValue, short.MaxValue) };
                builder.Generators.Add((oper, Pick()));
                if (random.Next(3) == 0) builder.PresetGenerators.Add((oper, Pick()));
            }

            var synth = new Synthesizer(SoundFont.Load(new MemoryStream(builder.Build())));
            synth.ProcessMidiMessage(0, 0xE0, 127, 127);
            synth.ProcessMidiMessage(0, 0xB0, 1, 127);
            synth.NoteOn(0, random.Next(128), 1 + random.Next(127));
            var left = new float[4096];
            synth.Render(left, new float[4096]);
            synth.NoteOffAll(immediate: false);
            synth.Render(left, new float[4096]);
            Assert.All(left, x => Assert.True(float.IsFinite(x), $"trial {trial}: {x}"));
        }
    }

    internal static SoundFontFormatException AssertRejected(byte[] bytes, string what, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);
        try
        {
            SoundFont.Load(stream);
        }
        catch (SoundFontFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return e;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name} instead of SoundFontFormatException: {e.Message}");
        }

        Assert.Fail($"{what}: accepted");
        return null!;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
