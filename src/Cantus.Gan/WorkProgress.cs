namespace Cantus.Gan;

/// <summary>Progress of a long piece of work: what it is doing and how far it is.</summary>
/// <param name="Stage">What is being done, in words (e.g. "generating", "calibrating").</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
public readonly record struct WorkProgress(string Stage, long Done, long Total)
{
    /// <summary>Done ÷ Total, or null when the total is unknown.</summary>
    public double? Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : null;
}
