namespace Cantus.Music.Audio.SoundFonts;

/// <summary>A preset of a loaded SoundFont as the user sees it: bank, program and name.</summary>
/// <param name="Bank">MIDI bank; 128 is the percussion bank.</param>
/// <param name="Program">MIDI program 0..127.</param>
/// <param name="Name">Preset name from the file.</param>
public readonly record struct SoundFontPresetInfo(int Bank, int Program, string Name);
