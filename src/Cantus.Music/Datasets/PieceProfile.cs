using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// Per-step summary of a piece that lets <see cref="Windower"/> plan windows without touching
/// the rolls again: the lowest and highest active pitch over the pitched (non-drum) tracks,
/// and a running count of steps where the melody sounds (window test in O(1)).
/// </summary>
internal sealed class PieceProfile
{
    private readonly short[] _low;  // per step; short.MaxValue when no pitched note sounds
    private readonly short[] _high; // per step; -1 when no pitched note sounds
    private readonly int[] _melodyPrefix; // _melodyPrefix[s] = melody-active steps in [0, s)

    public PieceProfile(Multitrack piece, int? melodyTrack)
    {
        var steps = piece.Steps;
        _low = new short[steps];
        _high = new short[steps];
        _low.AsSpan().Fill(short.MaxValue);
        _high.AsSpan().Fill(-1);
        foreach (var track in piece.Tracks)
        {
            if (track.IsDrum) continue;
            var cells = track.Cells;
            for (var s = 0; s < steps; s++)
            {
                var row = cells.Slice(s * PianoRollTrack.PitchCount, PianoRollTrack.PitchCount);
                var lo = row.IndexOfAnyExcept((byte)0);
                if (lo < 0) continue;
                var hi = row.LastIndexOfAnyExcept((byte)0);
                if (lo < _low[s]) _low[s] = (short)lo;
                if (hi > _high[s]) _high[s] = (short)hi;
            }
        }
        _melodyPrefix = new int[steps + 1];
        if (melodyTrack is int m)
        {
            var cells = piece.Tracks[m].Cells;
            for (var s = 0; s < steps; s++)
            {
                var active = cells.Slice(s * PianoRollTrack.PitchCount, PianoRollTrack.PitchCount).ContainsAnyExcept((byte)0);
                _melodyPrefix[s + 1] = _melodyPrefix[s] + (active ? 1 : 0);
            }
        }
    }

    /// <summary>True when the melody sounds somewhere in steps [start, end).</summary>
    public bool MelodySounds(int start, int end) => _melodyPrefix[end] - _melodyPrefix[start] > 0;

    /// <summary>Lowest and highest pitched note in steps [start, end); (int.MaxValue, -1) when silent.</summary>
    public (int Low, int High) Span(int start, int end)
    {
        int low = int.MaxValue, high = -1;
        for (var s = start; s < end; s++)
        {
            low = Math.Min(low, _low[s]);
            high = Math.Max(high, _high[s]);
        }
        return (low, high);
    }
}
