namespace Cantus.Service.Melodies;

/// <summary>A sample melody shipped with Cantus (a MIDI file of the sample melodies' folder).</summary>
/// <param name="Name">Its name: the file's name without <c>.mid</c> (e.g. <c>ode-to-joy</c>); the only way to ask for it.</param>
/// <param name="Title">Its title: the file's track name, else the name made readable ("Ode to joy").</param>
/// <param name="Bars">Length in 4/4 bars (16th-note steps ÷ 16, rounded up).</param>
/// <param name="Notes">Number of notes.</param>
/// <param name="Seconds">Duration in seconds, tempo changes honoured.</param>
public sealed record SampleMelody(string Name, string Title, int Bars, int Notes, double Seconds);
