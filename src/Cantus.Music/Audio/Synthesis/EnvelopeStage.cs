namespace Cantus.Music.Audio.Synthesis;

/// <summary>Stage of a DAHDSR envelope (SoundFont 2.04 section 9.1.7).</summary>
internal enum EnvelopeStage
{
    Delay,
    Attack,
    Hold,
    Decay,
    Sustain,
    Release,
    Finished,
}
