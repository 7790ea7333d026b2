namespace Cantus.Music.Datasets;

/// <summary>
/// Where one training sample comes from: steps [<see cref="Start"/>, Start + N) of piece
/// <see cref="Piece"/> (index in the list given to <see cref="Windower"/>), transposed by
/// <see cref="Shift"/> semitones. Steps past the end of a padded short piece are silent.
/// </summary>
/// <param name="Piece">Index of the piece.</param>
/// <param name="Start">First step of the window in the piece.</param>
/// <param name="Shift">Transposition in semitones (0 = as written).</param>
public readonly record struct SampleWindow(int Piece, int Start, int Shift);
