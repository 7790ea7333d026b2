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

    /// <summary>Most candidates accepted by <see cref="Validate"/>.</summary>
    public const int MaxCandidates = 64;

    /// <summary>Checks ranges; <see cref="ArgumentException.ParamName"/> is the field's JSON name.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Candidates is < 1 or > MaxCandidates) throw new ArgumentException($"The number of candidates must be 1..{MaxCandidates}, not {Candidates}.", "candidates");
        if (Threshold is float t && !(t >= -1 && t <= 1)) throw new ArgumentException($"The threshold must be −1..1, not {t}.", "threshold");
        if (KeyPenalty is float k && !(k >= 0 && k <= 2)) throw new ArgumentException($"The key penalty must be 0..2, not {k}.", "keyPenalty");
        if (MaxWindows < 1) throw new ArgumentException($"The window limit must be positive, not {MaxWindows}.", "maxWindows");
        ArgumentNullException.ThrowIfNull(Programs, "programs");
        foreach (var p in Programs)
            if (p is < 0 or > 127) throw new ArgumentException($"General MIDI programs are 0..127, not {p}.", "programs");
    }
}
