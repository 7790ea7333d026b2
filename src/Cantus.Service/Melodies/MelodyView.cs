namespace Cantus.Service.Melodies;

/// <summary>A stored melody.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name (the uploaded file's).</param>
/// <param name="Source">upload or recorded.</param>
/// <param name="TempoBpm">Its tempo.</param>
/// <param name="Bars">Length in 4/4 bars.</param>
/// <param name="Steps">Length in 16th-note steps.</param>
/// <param name="Repairs">What reading the file repaired, in words.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record MelodyView(string Id, string Name, string Source, double TempoBpm, int Bars, int Steps, IReadOnlyList<string> Repairs, DateTimeOffset CreatedAt);
