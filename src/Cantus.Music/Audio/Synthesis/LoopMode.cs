namespace Cantus.Music.Audio.Synthesis;

/// <summary>sampleModes generator values (SoundFont 2.04 section 8.1.2, generator 54).</summary>
internal enum LoopMode
{
    /// <summary>0 (and the unused value 2): play from start to end once.</summary>
    NoLoop = 0,

    /// <summary>1: loop for as long as the voice sounds.</summary>
    Continuous = 1,

    /// <summary>3: loop while the key is held, then play on to the end of the sample.</summary>
    UntilRelease = 3,
}
