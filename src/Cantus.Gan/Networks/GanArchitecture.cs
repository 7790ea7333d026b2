using System.Text.Json.Serialization;

namespace Cantus.Gan.Networks;

/// <summary>
/// The size of the lab's U-Net generator and critic (DeepComposer GAN lab, torch_reference.py):
/// rolls of <see cref="Steps"/> × <see cref="Pitches"/> (MIDI pitches <see cref="LowestPitch"/>
/// upwards), <see cref="Tracks"/> voices, base filter count f (layers use f, 2f, 4f, 8f), and a
/// latent of <see cref="LatentChannels"/> × Steps/16 × Pitches/16 concatenated at the bottleneck.
/// The defaults are the lab's: 32 steps, 128 pitches from 0, 4 tracks, 64 filters, latent 512.
/// </summary>
public sealed record GanArchitecture
{
    /// <summary>The lab's architecture.</summary>
    public static GanArchitecture Lab { get; } = new();

    /// <summary>Base filter count f (default 64).</summary>
    public int Filters { get; init; } = 64;

    /// <summary>
    /// Base filter count of the critic when it differs from the generator's (null: <see cref="Filters"/>).
    /// A wider critic judges harmony between distant voices better at a fraction of a wider generator's cost.
    /// </summary>
    public int? CriticFilters { get; init; }

    /// <summary>The critic's base filter count: <see cref="CriticFilters"/> or <see cref="Filters"/>.</summary>
    [JsonIgnore]
    public int CriticWidth => CriticFilters ?? Filters;

    /// <summary>
    /// Octave copies of the melody the networks are conditioned on (null or 1: the lab's single
    /// melody channel; k: the melody and copies 12, 24, … semitones down, see OctaveCondition).
    /// </summary>
    public int? ConditionOctaves { get; init; }

    /// <summary>Condition channels: <see cref="ConditionOctaves"/> or 1.</summary>
    [JsonIgnore]
    public int ConditionChannels => ConditionOctaves ?? 1;

    /// <summary>Voices in a sample, the melody included (default 4: soprano, alto, tenor, bass).</summary>
    public int Tracks { get; init; } = 4;

    /// <summary>Time steps per window (default 32: two 4/4 bars of sixteenths); a multiple of 16.</summary>
    public int Steps { get; init; } = 32;

    /// <summary>Lowest MIDI pitch of the roll (default 0).</summary>
    public int LowestPitch { get; init; }

    /// <summary>Pitch rows (default 128); a multiple of 16.</summary>
    public int Pitches { get; init; } = 128;

    /// <summary>Latent channels at the bottleneck (default 512).</summary>
    public int LatentChannels { get; init; } = 512;

    /// <summary>Latent height: Steps / 16 (four stride-2 layers).</summary>
    [JsonIgnore]
    public int LatentHeight => Steps / 16;

    /// <summary>Latent width: Pitches / 16.</summary>
    [JsonIgnore]
    public int LatentWidth => Pitches / 16;

    /// <summary>Highest MIDI pitch of the roll.</summary>
    [JsonIgnore]
    public int HighestPitch => LowestPitch + Pitches - 1;

    /// <summary>Checks the sizes; <see cref="ArgumentException.ParamName"/> is the field's JSON name.</summary>
    /// <exception cref="ArgumentException">A size is out of range or not a multiple of 16 where one is needed.</exception>
    public void Validate()
    {
        if (Filters is < 1 or > 1024) throw new ArgumentException($"The filter count must be 1..1024, not {Filters}.", "filters");
        if (CriticFilters is < 1 or > 1024) throw new ArgumentException($"The critic's filter count must be 1..1024, not {CriticFilters}.", "criticFilters");
        if (ConditionOctaves is < 1 or > 8) throw new ArgumentException($"The condition octaves must be 1..8, not {ConditionOctaves}.", "conditionOctaves");
        if (12 * (ConditionChannels - 1) >= Pitches) throw new ArgumentException($"{ConditionChannels} condition octaves need more than {12 * (ConditionChannels - 1)} pitches, not {Pitches}.", "conditionOctaves");
        if (Tracks is < 2 or > 16) throw new ArgumentException($"The number of tracks must be 2..16, not {Tracks}.", "tracks");
        if (Steps < 16 || Steps % 16 != 0 || Steps > 1024) throw new ArgumentException($"The steps per window must be a multiple of 16 in 16..1024, not {Steps}.", "steps");
        if (Pitches < 16 || Pitches % 16 != 0) throw new ArgumentException($"The number of pitches must be a multiple of 16 (e.g. 36..99 is 64 pitches), not {Pitches}.", "pitches");
        if (LowestPitch < 0 || LowestPitch + Pitches > 128) throw new ArgumentException($"The pitches {LowestPitch}..{LowestPitch + Pitches - 1} must lie within MIDI 0..127.", "lowestPitch");
        if (LatentChannels is < 1 or > 4096) throw new ArgumentException($"The latent channels must be 1..4096, not {LatentChannels}.", "latentChannels");
    }
}
