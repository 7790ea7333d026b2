using System.Buffers.Binary;
using System.Diagnostics;
using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Audio;

/// <summary>Sequencing, piano-roll conversion, output length and limits.</summary>
public class SequenceRendererTests
{
    private static Multitrack FourBarsAt100Bpm()
    {
        var m = new Multitrack(64, stepsPerBeat: 4, tempoBpm: 100);
        var soprano = m.AddTrack("soprano", program: 0);
        for (var s = 0; s < 60; s++) soprano[s, 72 + (s / 8 % 3)] = 90;  // held notes, last one ends at step 60
        var drums = m.AddTrack("drums", isDrum: true);
        for (var s = 0; s < 64; s += 4) drums[s, 36] = 100;
        return m;
    }

    [Fact]
    public void FourBarsAt100BpmRenderTo9Point6SecondsPlusTheTail()
    {
        var renderer = new SequenceRenderer(SoundFont.CreateFallback(), new AudioRenderOptions { ReleaseTail = TimeSpan.FromSeconds(1.5) });
        var stream = new MemoryStream();
        renderer.WriteWav(FourBarsAt100Bpm(), stream);
        var b = stream.ToArray();
        var frames = (long)Math.Round((9.6 + 1.5) * 44100);      // 16 beats · 0.6 s + tail
        Assert.Equal(frames * 4, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(40)));
        Assert.Equal(44 + frames * 4, b.Length);
        Assert.Equal(44100u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(24)));
        var peak = 0;
        for (var i = 44; i < b.Length; i += 2) peak = Math.Max(peak, Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(i))));
        Assert.True(peak > 1000, $"peak {peak} of 32767: the render is (nearly) silent");
    }

    [Fact]
    public void MultitrackRunsBecomeNotesAtTheirTimes()
    {
        var m = new Multitrack(8, stepsPerBeat: 2, tempoBpm: 120);  // 0.25 s per step
        var piano = m.AddTrack(program: 5);
        piano[1, 60] = 80; piano[2, 60] = 80; piano[3, 60] = 30;    // one note, steps 1–3, velocity of its first step
        piano[5, 60] = 70;                                          // a second note at step 5
        var drums = m.AddTrack(program: 0, isDrum: true);
        drums[7, 38] = 100;                                         // runs to the end: note-off at 2.0 s
        var melodic = m.AddTrack(program: 40);
        var seq = TimedMidiSequence.FromMultitrack(m);
        var notes = seq.Messages.Where(x => x.IsNoteOn || x.IsNoteOff).ToList();
        TimedMidiMessage[] expected =
        [
            TimedMidiMessage.NoteOn(0.25, 0, 60, 80), TimedMidiMessage.NoteOff(1.0, 0, 60),
            TimedMidiMessage.NoteOn(1.25, 0, 60, 70), TimedMidiMessage.NoteOff(1.5, 0, 60),
            TimedMidiMessage.NoteOn(1.75, 9, 38, 100), TimedMidiMessage.NoteOff(2.0, 9, 38),
        ];
        Assert.Equal(expected, notes);
        Assert.Contains(TimedMidiMessage.ProgramChange(0, 0, 5), seq.Messages);
        Assert.Contains(TimedMidiMessage.ProgramChange(0, 1, 40), seq.Messages);   // second melodic track: channel 1
        Assert.Equal(2.0, seq.EndSeconds);
    }

    [Fact]
    public void BinaryTracksPlayAtTheBinaryVelocity()
    {
        var m = new Multitrack(4);
        var binary = m.AddTrack();
        binary[0, 60] = 1;
        binary[2, 62] = 1;
        var graded = m.AddTrack();
        graded[0, 64] = 1;                                           // a velocity-1 cell in a track that also has 50
        graded[1, 65] = 50;
        var ons = TimedMidiSequence.FromMultitrack(m, binaryVelocity: 90).Messages.Where(x => x.IsNoteOn).ToDictionary(x => x.Data1, x => x.Data2);
        Assert.Equal(90, ons[60]);
        Assert.Equal(90, ons[62]);
        Assert.Equal(1, ons[64]);
        Assert.Equal(50, ons[65]);
    }

    [Fact]
    public void NoteOffsSortBeforeNoteOnsAtTheSameTime()
    {
        var seq = new TimedMidiSequence([TimedMidiMessage.NoteOn(1, 0, 60, 90), TimedMidiMessage.NoteOff(1, 0, 60), TimedMidiMessage.NoteOn(0, 0, 60, 90)]);
        Assert.Equal([TimedMidiMessage.NoteOn(0, 0, 60, 90), TimedMidiMessage.NoteOff(1, 0, 60), TimedMidiMessage.NoteOn(1, 0, 60, 90)], seq.Messages);
    }

    [Fact]
    public void HostileDurationIsRejectedFastAndWithoutAllocating()
    {
        var year = 365.25 * 24 * 3600;
        var seq = new TimedMidiSequence([TimedMidiMessage.NoteOn(0, 0, 60, 100), TimedMidiMessage.NoteOff(year, 0, 60)]);
        var renderer = new SequenceRenderer(SoundFont.CreateFallback());
        var stream = new MemoryStream();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<RenderLimitException>(() => renderer.WriteWav(seq, stream));
        Assert.True(watch.ElapsedMilliseconds < 100, $"{watch.ElapsedMilliseconds} ms");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, "allocated before checking the limit");
        Assert.Equal(0, stream.Length);
        Assert.Contains("limit", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Throws<RenderLimitException>(() => renderer.Render(seq));
    }

    [Fact]
    public void ThousandsOfSimultaneousNotesStayWithinTheVoiceCap()
    {
        // 16 channels × 128 keys struck at once and held: the cap of 32 voices bounds the work.
        var messages = new List<TimedMidiMessage>();
        for (var ch = 0; ch < 16; ch++)
        {
            for (var key = 0; key < 128; key++) messages.Add(TimedMidiMessage.NoteOn(0.001 * key, ch, key, 100));
        }

        var renderer = new SequenceRenderer(SoundFont.CreateFallback(), new AudioRenderOptions { MaxVoices = 32, ReleaseTail = TimeSpan.FromSeconds(0.5) });
        var watch = Stopwatch.StartNew();
        var (left, _) = renderer.Render(new TimedMidiSequence(messages, endSeconds: 1));
        Assert.Equal((long)(1.5 * 44100), left.Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
        Assert.All(left, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void DurationLimitIsConfigurable()
    {
        var seq = new TimedMidiSequence([TimedMidiMessage.NoteOn(0, 0, 60, 100)], endSeconds: 5);
        var strict = new SequenceRenderer(SoundFont.CreateFallback(), new AudioRenderOptions { MaxDuration = TimeSpan.FromSeconds(6) });
        Assert.Throws<RenderLimitException>(() => strict.GetFrameCount(seq));   // 5 s + 2 s tail > 6 s
        Assert.Equal(7 * 44100, new SequenceRenderer(SoundFont.CreateFallback()).GetFrameCount(seq));
    }

    [Fact]
    public void BadMessagesAreArgumentErrors()
    {
        Assert.Throws<ArgumentException>(() => new TimedMidiSequence([TimedMidiMessage.NoteOn(double.NaN, 0, 60, 1)]));
        Assert.Throws<ArgumentException>(() => new TimedMidiSequence([TimedMidiMessage.NoteOn(-1, 0, 60, 1)]));
        Assert.Throws<ArgumentException>(() => new TimedMidiSequence([TimedMidiMessage.NoteOn(0, 16, 60, 1)]));
        Assert.Throws<ArgumentException>(() => new TimedMidiSequence([new TimedMidiMessage(0, 0, 0xF0, 0, 0)]));
    }

    [Fact]
    public void NormalisationScalesThePeakToTheTargetInMemoryAndInTheWavStream()
    {
        var seq = new TimedMidiSequence([TimedMidiMessage.NoteOn(0, 0, 60, 30), TimedMidiMessage.NoteOff(0.5, 0, 60)]);
        var options = new AudioRenderOptions { Normalize = true, NormalizePeak = 0.5, ReleaseTail = TimeSpan.FromSeconds(0.5), Format = WavSampleFormat.Float32 };
        var renderer = new SequenceRenderer(SoundFont.CreateFallback(), options);
        var (left, right) = renderer.Render(seq);
        Assert.Equal(0.5f, Math.Max(left.Max(Math.Abs), right.Max(Math.Abs)), 4);
        var stream = new MemoryStream();
        renderer.WriteWav(seq, stream);
        var b = stream.ToArray();
        float peak = 0;
        for (var i = 58; i < b.Length; i += 4) peak = Math.Max(peak, Math.Abs(BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(i))));
        Assert.Equal(0.5f, peak, 4);
        Assert.Equal(left[1000], BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(58 + 1000 * 8)), 6);
    }
}
