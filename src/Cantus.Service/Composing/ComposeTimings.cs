namespace Cantus.Service.Composing;

/// <summary>Milliseconds spent on each part of a composition.</summary>
/// <param name="LoadMs">Loading the model.</param>
/// <param name="ComposeMs">Reading the melody, generating, writing the MIDI.</param>
/// <param name="RenderMs">Drawing the PNG and rendering the WAV.</param>
public sealed record ComposeTimings(double LoadMs, double ComposeMs, double RenderMs);
