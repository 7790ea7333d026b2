using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Tensors;

namespace Cantus.Gan.Composing;

/// <summary>The result of <see cref="Composer.Compose"/>.</summary>
public sealed class Composition
{
    internal Composition(MidiFile midi, Multitrack roll, Tensor latent, int leadingSilence, int transposition, double? criticScore)
    {
        Midi = midi;
        Roll = roll;
        Latent = latent;
        LeadingSilenceSteps = leadingSilence;
        Transposition = transposition;
        CriticScore = criticScore;
    }

    /// <summary>The output file: conductor track, the input melody note for note, then the generated voices.</summary>
    public MidiFile Midi { get; }

    /// <summary>The output as a piano roll (melody, then the voices), as long as the input.</summary>
    public Multitrack Roll { get; }

    /// <summary>The latent used: (W, LatentChannels, Steps/16, Pitches/16); save it to regenerate exactly.</summary>
    public Tensor Latent { get; }

    /// <summary>Number of windows generated.</summary>
    public int Windows => Latent.Shape[0];

    /// <summary>Steps of silence before the melody's first note (left silent in every voice).</summary>
    public int LeadingSilenceSteps { get; }

    /// <summary>Semitones the melody was moved (whole octaves) to fit the model's pitch range; the voices were moved back.</summary>
    public int Transposition { get; }

    /// <summary>The critic's mean score of the chosen candidate, when a critic was used.</summary>
    public double? CriticScore { get; }
}
