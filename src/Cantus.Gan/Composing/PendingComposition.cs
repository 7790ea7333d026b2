using Cantus.Gan.Models;
using Cantus.Tensors;

namespace Cantus.Gan.Composing;

/// <summary>
/// A melody read and encoded, waiting for the generator: <see cref="Composer.Prepare"/> makes it,
/// <see cref="Composer.GenerateBatch"/> runs the generator for several of them in one forward pass
/// (dynamic batching), <see cref="Composer.Finish"/> turns it into a <see cref="Composition"/>.
/// Everything that belongs to one request (its windows, latents, candidates, clean-up options,
/// progress) stays here, so the batch changes nothing in any request's result.
/// </summary>
public sealed class PendingComposition
{
    internal PendingComposition(GanModel model, MelodyInput melody, ComposeOptions options, int first, int shift, int windows,
        float[] condition, IReadOnlyList<Tensor> latents, bool repeatedLatents, IProgress<WorkProgress>? progress)
    {
        Model = model;
        Melody = melody;
        Options = options;
        First = first;
        Shift = shift;
        Windows = windows;
        Condition = condition;
        Latents = latents;
        RepeatedLatents = repeatedLatents;
        Progress = progress;
    }

    /// <summary>Windows of the melody (each <see cref="Networks.GanArchitecture.Steps"/> steps).</summary>
    public int Windows { get; }

    /// <summary>Latents tried (the critic picks one when there are several).</summary>
    public int Candidates => Latents.Count;

    /// <summary>Windows the generator runs for this melody: <see cref="Windows"/> × <see cref="Candidates"/>.</summary>
    public long GeneratorWindows => (long)Windows * Candidates;

    /// <summary>True once the generator has run for it (<see cref="Composer.Finish"/> may then be called).</summary>
    public bool IsGenerated => Best is not null && Done == GeneratorWindows;

    /// <summary>The model it was prepared for (a batch holds one model's compositions only).</summary>
    internal GanModel Model { get; }

    internal MelodyInput Melody { get; }

    internal ComposeOptions Options { get; }

    /// <summary>The first sounding step (generation starts there).</summary>
    internal int First { get; }

    /// <summary>Semitones the melody is moved to fit the model's range.</summary>
    internal int Shift { get; }

    /// <summary>The encoded melody: (Windows, 1, Steps, Pitches), flat.</summary>
    internal float[] Condition { get; }

    /// <summary>
    /// Per candidate: the latent of every window (Windows, C, h, w), or, when
    /// <see cref="RepeatedLatents"/>, the one latent (1, C, h, w) repeated for every window.
    /// </summary>
    internal IReadOnlyList<Tensor> Latents { get; }

    /// <summary>True when <see cref="Latents"/> hold one window's latent each, repeated for every window.</summary>
    internal bool RepeatedLatents { get; }

    internal IProgress<WorkProgress>? Progress { get; }

    /// <summary>The chosen candidate's generator output (Windows, Tracks, Steps, Pitches), once generated.</summary>
    internal Tensor? Best { get; set; }

    /// <summary>Which candidate <see cref="Best"/> is.</summary>
    internal int BestCandidate { get; set; }

    /// <summary>The critic's mean score of <see cref="Best"/> (with several candidates).</summary>
    internal double? BestScore { get; set; }

    /// <summary>Generator windows done so far (for progress).</summary>
    internal long Done { get; set; }
}
