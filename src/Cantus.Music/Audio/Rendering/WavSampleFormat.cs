namespace Cantus.Music.Audio.Rendering;

/// <summary>Sample encoding of a WAV file.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (WAVE_FORMAT_PCM); samples are clipped to [-1, 1].</summary>
    Pcm16,

    /// <summary>32-bit IEEE float (WAVE_FORMAT_IEEE_FLOAT), unclipped.</summary>
    Float32,
}
