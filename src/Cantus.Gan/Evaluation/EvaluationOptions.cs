namespace Cantus.Gan.Evaluation;

/// <summary>What <see cref="Evaluator"/> measures on.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Dataset: jsb-chorales (default), a Jsb16thSeparated.json file or a MIDI folder.</summary>
    public string Dataset { get; init; } = "jsb-chorales";

    /// <summary>Split whose melodies are accompanied (default test).</summary>
    public string Split { get; init; } = "test";

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
}
