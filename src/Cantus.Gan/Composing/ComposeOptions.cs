using Cantus.Tensors;

namespace Cantus.Gan.Composing;

/// <summary>How <see cref="Composer"/> accompanies a melody.</summary>
public sealed record ComposeOptions
{
    /// <summary>The defaults: first pitched track, threshold 0, clean-up on, seed 0, one candidate.</summary>
    public static ComposeOptions Default { get; } = new();

    /// <summary>Melody track: a 0-based track number of the file (format 0 split by channel) or a track name; null = first track with pitched notes.</summary>
    public string? MelodyTrack { get; init; }

    /// <summary>
    /// A cell counts when the generator's output (in (−1, 1)) exceeds this. Null: 0 (the lab's)
    /// for raw output; for the clean-up the model's calibrated threshold (ModelConfig.Cleanup), else 0.
    /// </summary>
    public float? Threshold { get; init; }

    /// <summary>True: no clean-up, every cell above the threshold sounds (the lab's output).</summary>
    public bool Raw { get; init; }

    /// <summary>
    /// Clean-up only: how much an off-key candidate's margin is lowered (tanh units; 0 = no key
    /// rule). Voices then keep to the major scale that fits the melody around each step unless
    /// the generator is clearly for a note outside it. Null: the model's calibrated value, else 0.
    /// </summary>
    public float? KeyPenalty { get; init; }

    /// <summary>Seed of the latent noise (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>The latent to use instead of drawing one: (W, LatentChannels, Steps/16, Pitches/16) for the W windows.</summary>
    public Tensor? Latent { get; init; }

    /// <summary>General-MIDI programs for the output tracks (melody first); missing entries: the melody keeps its own, the voices get 0.</summary>
    public IReadOnlyList<int> Programs { get; init; } = [];

    /// <summary>Longest melody accepted, in windows of the model (default 1024: 2048 bars of 4/4); a limit against unbounded work on hostile files.</summary>
    public int MaxWindows { get; init; } = 1024;

    /// <summary>Number of latents to try; the critic's mean score picks one (needs a critic; default 1).</summary>
    public int Candidates { get; init; } = 1;
}
