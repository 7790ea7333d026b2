using System.Globalization;

using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// Transposition augmentation of training windows. A window yields one sample per allowed
/// shift <c>s</c> (in semitones, ascending): the shifts in [-<see cref="MaxShift"/>, +<see cref="MaxShift"/>]
/// (every shift when <see cref="MaxShift"/> is null) that keep every pitched note of the window
/// inside <see cref="WindowOptions.PitchRange"/>, i.e. <c>range.Lowest - low ≤ s ≤ range.Highest - high</c>
/// for the window's lowest and highest active pitch. Example: a window spanning 40..90 with
/// range 36..99 allows -4..+9, 14 samples under <see cref="All"/>, 7 (-3..+3) under <c>UpTo(3)</c>.
/// Drum tracks are never shifted and do not count towards the span.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TranspositionJsonConverter))]
public sealed class Transposition : IParsable<Transposition>, IEquatable<Transposition>
{
    private Transposition(int? maxShift) => MaxShift = maxShift;

    /// <summary>No augmentation: only shift 0 (a window outside the pitch range is skipped).</summary>
    public static Transposition None { get; } = new(0);

    /// <summary>Every shift that keeps the window inside the pitch range.</summary>
    public static Transposition All { get; } = new(null);

    /// <summary>Shifts -k..+k that keep the window inside the pitch range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is outside 0..127.</exception>
    public static Transposition UpTo(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 127);
        return k == 0 ? None : new Transposition(k);
    }

    /// <summary>Largest shift in either direction; null means unlimited (only the pitch range limits).</summary>
    public int? MaxShift { get; }

    /// <summary>
    /// The allowed shifts [first, last] for a window whose pitched notes span [low, high]
    /// (first &gt; last when none is allowed).
    /// </summary>
    internal (int First, int Last) Shifts(int low, int high, PitchRange range)
    {
        var first = range.Lowest - low;
        var last = range.Highest - high;
        if (MaxShift is int k)
        {
            first = Math.Max(first, -k);
            last = Math.Min(last, k);
        }
        return (first, last);
    }

    /// <summary>The form <see cref="Parse"/> reads and JSON files hold: <c>none</c>, <c>all</c> or k.</summary>
    public string Name => MaxShift switch
    {
        null => "all",
        0 => "none",
        int k => k.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses <c>none</c> (or 0), <c>all</c>, or k / ±k / +k for shifts −k..+k (1..127), ignoring case and spaces.</summary>
    /// <exception cref="FormatException">Anything else; the message says what is accepted.</exception>
    public static Transposition Parse(string text, IFormatProvider? provider = null) =>
        TryParse(text, provider, out var result) ? result : throw new FormatException($"Transposition is none, all or a number of semitones 1..127, not '{text}'.");

    /// <summary>Parses as <see cref="Parse"/>; false when the text is not a transposition.</summary>
    public static bool TryParse(string? text, IFormatProvider? provider, out Transposition result)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        result = None;
        if (t is "none" or "0") return true;
        result = All;
        if (t == "all") return true;
        result = None;
        if (!int.TryParse(t.TrimStart('±', '+'), NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k is < 1 or > 127) return false;
        result = UpTo(k);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Transposition? other) => other is not null && other.MaxShift == MaxShift;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Transposition);

    /// <inheritdoc/>
    public override int GetHashCode() => MaxShift ?? -1;

    /// <inheritdoc/>
    public override string ToString() => MaxShift switch
    {
        null => "all",
        0 => "none",
        int k => string.Create(CultureInfo.InvariantCulture, $"±{k}"),
    };
}
