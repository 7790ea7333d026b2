using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// Training samples as one dense binary array, the GAN's input. Layout: row-major
/// <c>(Samples, Tracks, Steps, Pitches)</c>, one byte per cell, 1 = sounding, 0 = silent;
/// cell (i, k, t, j) is at <c>((i·Tracks + k)·Steps + t)·Pitches + j</c> and stands for MIDI
/// pitch <c>LowestPitch + j</c> of track k at step t of sample i. (The DeepComposer lab's
/// <c>train.npy</c> is (samples, steps, 128 pitches, tracks): the track axis moved to the
/// front so one track of one sample is a contiguous (steps, pitches) image.) Notes of drum
/// tracks outside the crop are dropped; pitched tracks always fit (see <see cref="Windower"/>).
/// </summary>
public sealed class DenseRolls
{
    private readonly byte[] _cells;

    internal DenseRolls(IReadOnlyList<SampleWindow> windows, IReadOnlyList<string> trackNames, int steps, PitchRange range)
    {
        Windows = windows;
        TrackNames = trackNames;
        Samples = windows.Count;
        Tracks = trackNames.Count;
        Steps = steps;
        Range = range;
        _cells = new byte[checked(Samples * Tracks * Steps * Pitches)];
    }

    /// <summary>Number of samples (first axis).</summary>
    public int Samples { get; }

    /// <summary>Number of tracks (second axis).</summary>
    public int Tracks { get; }

    /// <summary>Steps per sample (third axis).</summary>
    public int Steps { get; }

    /// <summary>The pitch crop: pitch axis index j is MIDI pitch <c>Range.Lowest + j</c>.</summary>
    public PitchRange Range { get; }

    /// <summary>Lowest MIDI pitch kept (pitch axis index 0).</summary>
    public int LowestPitch => Range.Lowest;

    /// <summary>Number of pitches kept (fourth axis).</summary>
    public int Pitches => Range.Count;

    /// <summary>Track names of the first piece, one per track.</summary>
    public IReadOnlyList<string> TrackNames { get; }

    /// <summary>Where each sample comes from, in sample order.</summary>
    public IReadOnlyList<SampleWindow> Windows { get; }

    /// <summary>All cells, layout above (0 or 1).</summary>
    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>True when sample i, track k, step t sounds MIDI pitch <paramref name="pitch"/> (false outside the crop).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public bool IsActive(int sample, int track, int step, int pitch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)sample, (uint)Samples, nameof(sample));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)track, (uint)Tracks, nameof(track));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)step, (uint)Steps, nameof(step));
        if (!Range.Contains(pitch)) return false;
        return _cells[((sample * Tracks + track) * Steps + step) * Pitches + pitch - LowestPitch] != 0;
    }

    /// <summary>The cells as floats: <paramref name="silent"/> for 0, <paramref name="active"/> for 1 (e.g. -1 and 1 for a tanh generator).</summary>
    public float[] ToSingles(float silent = 0f, float active = 1f)
    {
        var result = new float[_cells.Length];
        CopyTo(result, silent, active);
        return result;
    }

    /// <summary>Writes the cells as floats into <paramref name="destination"/>, same layout.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Cells"/>.</exception>
    public void CopyTo(Span<float> destination, float silent = 0f, float active = 1f)
    {
        if (destination.Length < _cells.Length)
            throw new ArgumentException($"Destination has {destination.Length} elements; {_cells.Length} needed.", nameof(destination));
        for (var i = 0; i < _cells.Length; i++) destination[i] = _cells[i] != 0 ? active : silent;
    }

    /// <summary>Copies window <paramref name="sample"/> of <paramref name="piece"/> into its slot, binarised and cropped.</summary>
    internal void Fill(int sample, Multitrack piece)
    {
        var w = Windows[sample];
        var available = Math.Min(Steps, piece.Steps - w.Start);
        for (var k = 0; k < Tracks; k++)
        {
            var track = piece.Tracks[k];
            var shift = track.IsDrum ? 0 : w.Shift;
            // Source pitch for crop index j is LowestPitch + j - shift; clip to 0..127.
            var srcFirst = LowestPitch - shift;
            var jFirst = Math.Max(0, -srcFirst);
            var jEnd = Math.Min(Pitches, PianoRollTrack.PitchCount - srcFirst);
            if (jFirst >= jEnd) continue;
            var src = track.Cells;
            var slot = _cells.AsSpan((sample * Tracks + k) * Steps * Pitches, Steps * Pitches);
            for (var t = 0; t < available; t++)
            {
                var row = src.Slice((w.Start + t) * PianoRollTrack.PitchCount + srcFirst + jFirst, jEnd - jFirst);
                var dst = slot.Slice(t * Pitches + jFirst, jEnd - jFirst);
                for (var j = 0; j < row.Length; j++) dst[j] = row[j] != 0 ? (byte)1 : (byte)0;
            }
        }
    }
}
