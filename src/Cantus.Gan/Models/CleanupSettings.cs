namespace Cantus.Gan.Models;

/// <summary>
/// The clean-up's settings a model was calibrated with (CleanupCalibration on the
/// valid split), used when composing and evaluating unless given explicitly: the
/// threshold (a cell's margin is its score minus this; a rest counts 0) and the key penalty
/// (taken from the margin of candidates off the melody's scale).
/// </summary>
public sealed record CleanupSettings
{
    /// <summary>Threshold of the clean-up (tanh units, −1..1).</summary>
    public float Threshold { get; init; }

    /// <summary>Key penalty of the clean-up (tanh units, ≥ 0).</summary>
    public float KeyPenalty { get; init; }

    /// <summary>Where the values were chosen, e.g. "jsb-chorales valid, 552 windows".</summary>
    public string? CalibratedOn { get; init; }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">A value is out of range or not finite.</exception>
    public void Validate()
    {
        if (!float.IsFinite(Threshold) || Threshold is < -1 or > 1) throw new ArgumentException($"The threshold must be in −1..1, not {Threshold}.", "threshold");
        if (!float.IsFinite(KeyPenalty) || KeyPenalty is < 0 or > 2) throw new ArgumentException($"The key penalty must be in 0..2, not {KeyPenalty}.", "keyPenalty");
    }
}
