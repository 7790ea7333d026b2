using System.Globalization;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Datasets;

/// <summary>
/// Cuts pieces into fixed-length training samples. Window starts are 0, hop, 2·hop, ... while
/// <c>start + N ≤ steps</c> (so a 40-step piece gives 1 window of 32 with hop 16, a 48-step
/// piece 2); a window whose melody track is silent is skipped; each remaining window yields
/// one sample per shift allowed by <see cref="WindowOptions.Transposition"/> within
/// <see cref="WindowOptions.PitchRange"/>. Order is deterministic: by piece, then start, then
/// shift ascending.
/// </summary>
public sealed class Windower
{
    /// <summary>Creates a windower with <paramref name="options"/> (default <see cref="WindowOptions.Default"/>).</summary>
    public Windower(WindowOptions? options = null) => Options = options ?? WindowOptions.Default;

    /// <summary>The windowing settings.</summary>
    public WindowOptions Options { get; }

    /// <summary>The samples of <paramref name="pieces"/>, as (piece, start, shift) triples, in order.</summary>
    /// <exception cref="InvalidDataException">A piece has no track at the melody index.</exception>
    public IReadOnlyList<SampleWindow> Plan(IReadOnlyList<Multitrack> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var result = new List<SampleWindow>();
        for (var i = 0; i < pieces.Count; i++) PlanPiece(pieces, i, result);
        return result;
    }

    /// <summary>Number of samples <see cref="Plan"/> would return.</summary>
    /// <exception cref="InvalidDataException">A piece has no track at the melody index.</exception>
    public int Count(IReadOnlyList<Multitrack> pieces) => Plan(pieces).Count;

    /// <summary>The samples as piano rolls of <see cref="WindowOptions.Steps"/> steps, produced lazily in plan order.</summary>
    /// <exception cref="InvalidDataException">A piece has no track at the melody index.</exception>
    public IEnumerable<Multitrack> Windows(IReadOnlyList<Multitrack> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        return Iterate(pieces);

        IEnumerable<Multitrack> Iterate(IReadOnlyList<Multitrack> list)
        {
            var planned = new List<SampleWindow>();
            for (var i = 0; i < list.Count; i++)
            {
                planned.Clear();
                PlanPiece(list, i, planned);
                foreach (var w in planned) yield return Extract(list[i], w);
            }
        }
    }

    /// <summary>
    /// Copies one window of <paramref name="piece"/>: <see cref="WindowOptions.Steps"/> steps from
    /// <see cref="SampleWindow.Start"/> (silence past the piece's end), pitched tracks moved up by
    /// <see cref="SampleWindow.Shift"/> semitones; names, programs, tempo and time signature kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The start is outside the piece or |shift| &gt; 127.</exception>
    public Multitrack Extract(Multitrack piece, SampleWindow window)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (window.Start < 0 || (window.Start >= piece.Steps && piece.Steps > 0))
            throw new ArgumentOutOfRangeException(nameof(window), window, $"Start must be inside the piece's {piece.Steps} steps.");
        if (Math.Abs(window.Shift) > 127)
            throw new ArgumentOutOfRangeException(nameof(window), window, "Shift must be in -127..127.");
        var n = Options.Steps;
        var result = new Multitrack(n, piece.StepsPerBeat, piece.TempoBpm, piece.TimeSignature);
        foreach (var track in piece.Tracks)
        {
            var copy = result.AddTrack(track.Name, track.Program, track.IsDrum);
            var shift = track.IsDrum ? 0 : window.Shift;
            var available = Math.Min(n, piece.Steps - window.Start);
            var src = track.Cells;
            var dst = copy.MutableCells;
            for (var t = 0; t < available; t++)
            {
                var row = src.Slice((window.Start + t) * PianoRollTrack.PitchCount, PianoRollTrack.PitchCount);
                ShiftRow(row, dst.Slice(t * PianoRollTrack.PitchCount, PianoRollTrack.PitchCount), shift);
            }
        }
        return result;
    }

    /// <summary>
    /// All samples as one dense binary array cropped to <see cref="WindowOptions.PitchRange"/>;
    /// see <see cref="DenseRolls"/> for the layout.
    /// </summary>
    /// <param name="pieces">The pieces; all must have the same number of tracks.</param>
    /// <param name="maxBytes">Largest array allowed (default 1 GiB).</param>
    /// <exception cref="InvalidDataException">Pieces differ in track count, or a piece lacks the melody track.</exception>
    /// <exception cref="InvalidOperationException">The array would exceed <paramref name="maxBytes"/>.</exception>
    public DenseRolls ToDense(IReadOnlyList<Multitrack> pieces, long maxBytes = 1L << 30)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 0);
        var plan = Plan(pieces);
        var tracks = pieces.Count == 0 ? 0 : pieces[0].Tracks.Count;
        for (var i = 1; i < pieces.Count; i++)
            if (pieces[i].Tracks.Count != tracks)
                throw DatasetErrors.Create(string.Create(CultureInfo.InvariantCulture,
                    $"has {pieces[i].Tracks.Count} tracks; piece 0 has {tracks} (a dense array needs the same tracks in every piece)"), piece: i);
        var range = Options.PitchRange;
        var bytes = (long)plan.Count * tracks * Options.Steps * range.Count;
        if (bytes > maxBytes || bytes > Array.MaxLength)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Count} samples × {tracks} tracks × {Options.Steps} steps × {range.Count} pitches = {bytes} bytes exceed the limit of {Math.Min(maxBytes, Array.MaxLength)}."));
        var names = pieces.Count == 0 ? [] : pieces[0].Tracks.Select(t => t.Name).ToArray();
        var dense = new DenseRolls(plan, names, Options.Steps, range);
        for (var i = 0; i < plan.Count; i++) dense.Fill(i, pieces[plan[i].Piece]);
        return dense;
    }

    /// <summary>dst[p + shift] = src[p] for every p with both indices in 0..127 (other cells unchanged).</summary>
    internal static void ShiftRow(ReadOnlySpan<byte> src, Span<byte> dst, int shift)
    {
        if (shift >= 0) src[..(src.Length - shift)].CopyTo(dst[shift..]);
        else src[(-shift)..].CopyTo(dst);
    }

    private void PlanPiece(IReadOnlyList<Multitrack> pieces, int index, List<SampleWindow> result)
    {
        var piece = pieces[index] ?? throw new ArgumentException($"Piece {index} is null.", nameof(pieces));
        var o = Options;
        var steps = piece.Steps;
        int lastStart;
        if (steps >= o.Steps) lastStart = steps - o.Steps;
        else if (o.PadShortPieces && steps > 0) lastStart = 0;
        else return; // too short to give a window: nothing else to check
        if (o.MelodyTrack is int m && m >= piece.Tracks.Count)
            throw DatasetErrors.Create(string.Create(CultureInfo.InvariantCulture,
                $"has {piece.Tracks.Count} tracks; the melody is track {m} (WindowOptions.MelodyTrack)"), piece: index);
        var profile = new PieceProfile(piece, o.MelodyTrack);
        for (var start = 0; start <= lastStart; start += o.Hop)
        {
            var end = Math.Min(start + o.Steps, steps);
            if (o.MelodyTrack is not null && !profile.MelodySounds(start, end)) continue;
            var (low, high) = profile.Span(start, end);
            if (high < 0)
            {
                // Nothing pitched sounds (only possible without a melody check): shifting is meaningless.
                result.Add(new SampleWindow(index, start, 0));
                continue;
            }
            var (first, last) = o.Transposition.Shifts(low, high, o.PitchRange);
            for (var shift = first; shift <= last; shift++) result.Add(new SampleWindow(index, start, shift));
        }
    }
}
