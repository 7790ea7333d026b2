namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// One shdr record (SoundFont 2.04 section 7.10): where a sample lies in the smpl data, its
/// loop, native rate and pitch. Offsets are in sample points from the start of smpl and have
/// been checked against the sample data at load.
/// </summary>
internal sealed record SampleHeader(
    string Name,
    int Start,
    int End,
    int StartLoop,
    int EndLoop,
    int SampleRate,
    byte OriginalPitch,
    sbyte PitchCorrection,
    ushort SampleType)
{
    /// <summary>Size of one shdr record in bytes.</summary>
    public const int RecordSize = 46;

    /// <summary>sfSampleType bit for samples in ROM, which a file-based synthesizer cannot play.</summary>
    public const ushort RomFlag = 0x8000;
}
