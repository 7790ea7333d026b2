using Cantus.Service.Errors;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>When storage maintenance runs on a node (configuration section <c>Cantus:Maintenance</c>).</summary>
public sealed record MaintenanceSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cantus:Maintenance";

    /// <summary>Run the pass on a schedule on this node (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often the pass runs (default 1 hour).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after the node starts the first pass runs (default 5 minutes).</summary>
    public TimeSpan FirstRunDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Only what was last stored or used longer ago than this goes (null, the default: the store's
    /// blob grace period, 1 hour); at least 1 minute, so that a blob put just before the row that
    /// will refer to it is not collected in between.
    /// </summary>
    public TimeSpan? OlderThan { get; init; }

    /// <summary>The shortest <see cref="OlderThan"/> a node accepts.</summary>
    public static TimeSpan MinimumOlderThan { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws a <see cref="CantusException"/> (invalid options) naming the key that is out of range.</summary>
    public void Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromDays(30))
            throw CantusException.Invalid($"{Section}:Interval must be between 1 second and 30 days, not {Interval}.", "Interval");
        if (FirstRunDelay < TimeSpan.Zero || FirstRunDelay > TimeSpan.FromDays(30))
            throw CantusException.Invalid($"{Section}:FirstRunDelay must be between 0 and 30 days, not {FirstRunDelay}.", "FirstRunDelay");
        if (OlderThan is { } age && age < MinimumOlderThan)
            throw CantusException.Invalid($"{Section}:OlderThan must be at least {MinimumOlderThan}, not {age}: a blob needs time to get the row that refers to it.", "OlderThan");
    }
}
