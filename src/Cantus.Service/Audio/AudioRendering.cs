using Cantus.Music.Audio.Rendering;
using Cantus.Music.Audio.SoundFonts;
using Cantus.Music.Midi;

namespace Cantus.Service.Audio;

/// <summary>Renders MIDI to WAV with the SoundFont synthesizer under <see cref="AudioSettings"/>.</summary>
public static class AudioRendering
{
    /// <summary>A renderer for <paramref name="settings"/> (validated; the SoundFont is loaded now).</summary>
    /// <exception cref="Errors.CantusException">InvalidOptions: a setting is out of range.</exception>
    /// <exception cref="SoundFontFormatException">The SoundFont file is malformed.</exception>
    public static SequenceRenderer CreateRenderer(AudioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var font = SoundFontLocator.LoadOrFallback(settings.SoundFontPath);
        return new SequenceRenderer(font, new AudioRenderOptions
        {
            SampleRate = settings.SampleRate,
            Format = settings.Float ? WavSampleFormat.Float32 : WavSampleFormat.Pcm16,
            Normalize = settings.Normalize,
            MaxDuration = TimeSpan.FromMinutes(settings.MaxMinutes),
        });
    }

    /// <summary>The WAV bytes of <paramref name="midi"/>.</summary>
    /// <exception cref="RenderLimitException">The audio would be longer than the limit (checked before rendering).</exception>
    public static byte[] RenderWav(SequenceRenderer renderer, MidiFile midi)
    {
        using var stream = new MemoryStream();
        WriteWav(renderer, midi, stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="midi"/> as WAV to <paramref name="output"/> (long audio is not held in memory).</summary>
    /// <exception cref="RenderLimitException">The audio would be longer than the limit (checked before anything is written).</exception>
    public static void WriteWav(SequenceRenderer renderer, MidiFile midi, Stream output)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(midi);
        var sequence = TimedMidiSequence.FromMidi(midi);
        renderer.GetFrameCount(sequence); // the duration limit, before any work
        renderer.WriteWav(sequence, output);
    }
}
