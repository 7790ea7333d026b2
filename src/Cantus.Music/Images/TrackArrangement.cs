namespace Cantus.Music.Images;

/// <summary>How the tracks of one multitrack share the picture.</summary>
public enum TrackArrangement
{
    /// <summary>All tracks drawn in one panel, each in its colour; a later track covers an earlier one where both sound.</summary>
    Overlay = 0,

    /// <summary>One panel per track, stacked top to bottom in track order, each with its own pitch range.</summary>
    Stacked = 1,
}
