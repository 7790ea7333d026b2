namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Checks one shdr record against the smpl data (SoundFont 2.04 section 7.10): the sample and its
/// loop must lie inside the data, so playback can trust them. Run once at load (MeltySynth's
/// CheckSamples habit).
/// </summary>
internal static class SampleValidator
{
    /// <summary>Throws <see cref="SoundFontFormatException"/> naming the record when a bound is violated.</summary>
    public static void Check(SampleHeader h, int index, int dataLength)
    {
        var who = $"pdta 'shdr': sample {index} ('{h.Name}')";
        if ((h.SampleType & SampleHeader.RomFlag) != 0) throw new SoundFontFormatException($"{who} is a ROM sample, which a file-based SoundFont cannot play.");
        if (h.SampleRate <= 0) throw new SoundFontFormatException($"{who} has sample rate 0.");
        if (h.End > dataLength) throw new SoundFontFormatException($"{who}: end {h.End} is beyond the sample data ({dataLength} sample points in 'smpl').");
        if (h.Start > h.End) throw new SoundFontFormatException($"{who}: start {h.Start} is after end {h.End}.");
        if (h.StartLoop > dataLength || h.EndLoop > dataLength)
        {
            throw new SoundFontFormatException($"{who}: loop [{h.StartLoop}, {h.EndLoop}) is beyond the sample data ({dataLength} sample points in 'smpl').");
        }

        if (h.StartLoop > h.EndLoop) throw new SoundFontFormatException($"{who}: loop start {h.StartLoop} is after loop end {h.EndLoop}.");
        if (h.EndLoop > h.Start && (h.StartLoop < h.Start || h.EndLoop > h.End))
        {
            throw new SoundFontFormatException($"{who}: loop [{h.StartLoop}, {h.EndLoop}) lies outside the sample [{h.Start}, {h.End}).");
        }
    }
}
