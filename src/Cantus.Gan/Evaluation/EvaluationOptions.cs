using Cantus.Music.Datasets;

namespace Cantus.Gan.Evaluation;

/// <summary>What <see cref="Evaluator"/> measures on.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Dataset name (default jsb-chorales), resolved by the caller's <see cref="IDatasetResolver"/>.</summary>
    public string Dataset { get; init; } = "jsb-chorales";

    /// <summary>Split whose melodies are accompanied (default test).</summary>
    public DatasetSplit Split { get; init; } = DatasetSplit.Test;

    /// <summary>Steps between window starts (default 32: consecutive, non-overlapping 2-bar windows).</summary>
    public int Hop { get; init; } = 32;

    /// <summary>Seed of the latents (one truncated-normal latent per window).</summary>
    public ulong Seed { get; init; }

    /// <summary>No clean-up (the lab's raw output).</summary>
    public bool Raw { get; init; }

    /// <summary>Threshold (null: ComposeOptions' default, the model's calibrated clean-up or 0).</summary>
    public float? Threshold { get; init; }

    /// <summary>Clean-up key penalty (null: ComposeOptions' default, the model's calibrated value or 0).</summary>
    public float? KeyPenalty { get; init; }

    /// <summary>At most this many windows, spread over the split (default: all).</summary>
    public int? MaxWindows { get; init; }

    /// <summary>Checks ranges; <see cref="ArgumentException.ParamName"/> is the field's JSON name.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset)) throw new ArgumentException("Name a dataset to evaluate on.", "dataset");
        if (!Enum.IsDefined(Split)) throw new ArgumentException("The split must be train, valid or test.", "split");
        if (Hop is < 1 or > 4096) throw new ArgumentException($"The hop between windows must be 1..4096, not {Hop}.", "hop");
        if (MaxWindows is < 1) throw new ArgumentException($"The window limit must be positive, not {MaxWindows}.", "maxWindows");
        if (Threshold is float t && !(t >= -1 && t <= 1)) throw new ArgumentException($"The threshold must be −1..1, not {t}.", "threshold");
        if (KeyPenalty is float k && !(k >= 0 && k <= 2)) throw new ArgumentException($"The key penalty must be 0..2, not {k}.", "keyPenalty");
    }
}
