using Cantus.Music.Datasets;

namespace Cantus.Gan.Training;

/// <summary>
/// Binary windows in <see cref="DenseRolls"/>' layout, (Samples, Tracks, Steps, Pitches), one byte
/// per cell, untransposed, with each window's allowed transpositions [MinShift, MaxShift] (the
/// shifts that keep its notes inside the crop, within the augmentation's bound). Transposing at
/// batch time instead of storing every shifted copy keeps memory at one copy per window (JSB with
/// every shift inside 36..99 would be 112,000 samples, 0.9 GB, instead of about 10,000).
/// </summary>
internal sealed class WindowSet
{
    private readonly byte[] _cells;
    private readonly (int Min, int Max)[] _shifts;

    public WindowSet(byte[] cells, int samples, int tracks, int steps, int pitches, (int Min, int Max)[]? shifts = null)
    {
        if (cells.Length != (long)samples * tracks * steps * pitches) throw new ArgumentException("Cell count does not match the shape.", nameof(cells));
        _cells = cells;
        Samples = samples;
        Tracks = tracks;
        Steps = steps;
        Pitches = pitches;
        _shifts = shifts ?? new (int, int)[samples];
        if (_shifts.Length != samples) throw new ArgumentException("One shift range per sample is needed.", nameof(shifts));
    }

    public int Samples { get; }

    public int Tracks { get; }

    public int Steps { get; }

    public int Pitches { get; }

    public int SampleSize => Tracks * Steps * Pitches;

    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>Number of (window, shift) pairs, the size of the augmented set.</summary>
    public long AugmentedCount => _shifts.Sum(s => (long)(s.Max - s.Min + 1));

    public (int Min, int Max) Shifts(int sample) => _shifts[sample];

    /// <summary>The windows of <paramref name="rolls"/> (untransposed) with their shift ranges under a bound of ±<paramref name="maxShift"/> (null: unbounded).</summary>
    public static WindowSet From(DenseRolls rolls, int? maxShift = 0)
    {
        var cells = rolls.Cells.ToArray();
        var shifts = new (int, int)[rolls.Samples];
        var size = rolls.Tracks * rolls.Steps * rolls.Pitches;
        for (var i = 0; i < rolls.Samples; i++)
        {
            int low = rolls.Pitches, high = -1;
            var sample = cells.AsSpan(i * size, size);
            for (var c = 0; c < size; c += rolls.Pitches)
            {
                var row = sample.Slice(c, rolls.Pitches);
                var first = row.IndexOfAnyExcept((byte)0);
                if (first < 0) continue;
                low = Math.Min(low, first);
                high = Math.Max(high, row.LastIndexOfAnyExcept((byte)0));
            }
            if (high < 0) continue;
            int min = -low, max = rolls.Pitches - 1 - high;
            if (maxShift is int k)
            {
                min = Math.Max(min, -k);
                max = Math.Min(max, k);
            }
            shifts[i] = (min, max);
        }
        return new WindowSet(cells, rolls.Samples, rolls.Tracks, rolls.Steps, rolls.Pitches, shifts);
    }

    public WindowSet Select(IReadOnlyList<int> indices)
    {
        var size = SampleSize;
        var cells = new byte[indices.Count * size];
        for (var i = 0; i < indices.Count; i++) _cells.AsSpan(indices[i] * size, size).CopyTo(cells.AsSpan(i * size));
        return new WindowSet(cells, indices.Count, Tracks, Steps, Pitches, indices.Select(i => _shifts[i]).ToArray());
    }

    /// <summary>Fills real: (B, Tracks, Steps, Pitches) and condition: (B, 1, Steps, Pitches) with samples <paramref name="indices"/> in {−1, +1}, untransposed.</summary>
    public void Fill(ReadOnlySpan<int> indices, int conditionTrack, Span<float> real, Span<float> condition) =>
        Fill(indices, default, conditionTrack, real, condition);

    /// <summary>As <see cref="Fill(ReadOnlySpan{int}, int, Span{float}, Span{float})"/>, sample b moved up by shifts[b] semitones (within its allowed range; empty: no shift).</summary>
    public void Fill(ReadOnlySpan<int> indices, ReadOnlySpan<int> shifts, int conditionTrack, Span<float> real, Span<float> condition)
    {
        var plane = Steps * Pitches;
        var size = SampleSize;
        for (var b = 0; b < indices.Length; b++)
        {
            var src = _cells.AsSpan(indices[b] * size, size);
            var dst = real.Slice(b * size, size);
            dst.Fill(-1f);
            var shift = shifts.IsEmpty ? 0 : shifts[b];
            for (var row = 0; row < size; row += Pitches)
                for (var j = 0; j < Pitches; j++)
                {
                    if (src[row + j] == 0) continue;
                    var k = j + shift;
                    if ((uint)k < (uint)Pitches) dst[row + k] = 1f;
                }
            dst.Slice(conditionTrack * plane, plane).CopyTo(condition.Slice(b * plane, plane));
        }
    }
}
