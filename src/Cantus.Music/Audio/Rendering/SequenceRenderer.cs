using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Audio.Synthesis;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Audio.Rendering;

/// <summary>
/// Renders a <see cref="TimedMidiSequence"/> (or a <see cref="Multitrack"/>) through a
/// <see cref="Synthesizer"/> to stereo audio or a WAV stream. The output lasts the piece plus
/// <see cref="AudioRenderOptions.ReleaseTail"/>; at the end of the piece every note still held is
/// released. The duration limit is checked before anything is allocated. Messages are applied at
/// their sample frame, round(seconds · rate), taking effect within one 64-sample block.
/// </summary>
public sealed class SequenceRenderer
{
    private const int ChunkFrames = 4096;

    /// <summary>Creates a renderer for <paramref name="soundFont"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="soundFont"/> is null.</exception>
    public SequenceRenderer(SoundFont soundFont, AudioRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(soundFont);
        SoundFont = soundFont;
        Options = options ?? new AudioRenderOptions();
    }

    /// <summary>The bank played.</summary>
    public SoundFont SoundFont { get; }

    /// <summary>Options and limits.</summary>
    public AudioRenderOptions Options { get; }

    /// <summary>Output length in frames: round((EndSeconds + tail) · rate).</summary>
    /// <exception cref="RenderLimitException">The output would last longer than <see cref="AudioRenderOptions.MaxDuration"/>.</exception>
    public long GetFrameCount(TimedMidiSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var seconds = sequence.EndSeconds + Options.ReleaseTail.TotalSeconds;
        if (seconds > Options.MaxDuration.TotalSeconds)
        {
            throw new RenderLimitException(
                $"The piece lasts {sequence.EndSeconds:0.###} s (+{Options.ReleaseTail.TotalSeconds:0.###} s release tail), more than the rendering limit of {Options.MaxDuration.TotalSeconds:0.###} s.");
        }

        return (long)Math.Round(seconds * Options.SampleRate);
    }

    /// <summary>Renders to memory: two arrays of <see cref="GetFrameCount"/> samples (proportional to the output).</summary>
    /// <exception cref="RenderLimitException">The duration limit is exceeded.</exception>
    public (float[] Left, float[] Right) Render(TimedMidiSequence sequence)
    {
        var frames = GetFrameCount(sequence);
        var left = new float[frames];
        var right = new float[frames];
        var offset = 0;
        Run(sequence, frames, (l, r) =>
        {
            l.CopyTo(left.AsSpan(offset));
            r.CopyTo(right.AsSpan(offset));
            offset += l.Length;
        });
        if (Options.Normalize)
        {
            var gain = NormalizationGain(Math.Max(Peak(left), Peak(right)));
            for (var i = 0; i < frames; i++)
            {
                left[i] *= gain;
                right[i] *= gain;
            }
        }

        return (left, right);
    }

    /// <summary>
    /// Streams a WAV file to <paramref name="output"/> (which stays open) with fixed memory; with
    /// <see cref="AudioRenderOptions.Normalize"/> the piece is rendered twice, first to find the peak.
    /// </summary>
    /// <exception cref="RenderLimitException">The duration limit is exceeded (nothing is written).</exception>
    public void WriteWav(TimedMidiSequence sequence, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var frames = GetFrameCount(sequence);
        float gain = 1;
        if (Options.Normalize)
        {
            float peak = 0;
            Run(sequence, frames, (l, r) => peak = Math.Max(peak, Math.Max(Peak(l), Peak(r))));
            gain = NormalizationGain(peak);
        }

        using var writer = new WavWriter(output, Options.SampleRate, Options.Format, frames, leaveOpen: true);
        var scaledLeft = new float[ChunkFrames];
        var scaledRight = new float[ChunkFrames];
        Run(sequence, frames, (l, r) =>
        {
            if (gain == 1)
            {
                writer.Write(l, r);
                return;
            }

            for (var i = 0; i < l.Length; i++)
            {
                scaledLeft[i] = l[i] * gain;
                scaledRight[i] = r[i] * gain;
            }

            writer.Write(scaledLeft.AsSpan(0, l.Length), scaledRight.AsSpan(0, l.Length));
        });
        writer.Complete();
    }

    /// <summary>Renders a piano roll (see <see cref="TimedMidiSequence.FromMultitrack"/>).</summary>
    public (float[] Left, float[] Right) Render(Multitrack multitrack) => Render(TimedMidiSequence.FromMultitrack(multitrack));

    /// <summary>Streams a piano roll as WAV (see <see cref="TimedMidiSequence.FromMultitrack"/>).</summary>
    public void WriteWav(Multitrack multitrack, Stream output) => WriteWav(TimedMidiSequence.FromMultitrack(multitrack), output);

    private delegate void ChunkSink(ReadOnlySpan<float> left, ReadOnlySpan<float> right);

    private void Run(TimedMidiSequence sequence, long frames, ChunkSink sink)
    {
        var synth = new Synthesizer(SoundFont, Options.Synthesizer);
        var left = new float[ChunkFrames];
        var right = new float[ChunkFrames];
        var messages = sequence.Messages;
        var rate = (double)Options.SampleRate;
        var endFrame = (long)Math.Round(sequence.EndSeconds * rate);
        var next = 0;
        var released = false;
        long position = 0;
        while (position < frames)
        {
            while (next < messages.Count && (long)Math.Round(messages[next].Seconds * rate) <= position)
            {
                var m = messages[next++];
                synth.ProcessMidiMessage(m.Channel, m.Command, m.Data1, m.Data2);
            }

            if (!released && position >= endFrame)
            {
                synth.NoteOffAll(immediate: false);
                released = true;
            }

            // Render up to the next event, the end of the piece or the end of the chunk.
            var until = frames;
            if (next < messages.Count) until = Math.Min(until, (long)Math.Round(messages[next].Seconds * rate));
            if (!released) until = Math.Min(until, endFrame);
            var n = (int)Math.Min(ChunkFrames, until - position);
            synth.Render(left.AsSpan(0, n), right.AsSpan(0, n));
            sink(left.AsSpan(0, n), right.AsSpan(0, n));
            position += n;
        }
    }

    private float NormalizationGain(float peak) => peak > 0 ? (float)(Options.NormalizePeak / peak) : 1;

    private static float Peak(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (var s in samples) peak = Math.Max(peak, Math.Abs(s));
        return peak;
    }
}
