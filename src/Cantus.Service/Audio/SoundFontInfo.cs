namespace Cantus.Service.Audio;

/// <summary>The SoundFont the server renders WAVs with.</summary>
/// <param name="Name">The file's name (never its folder), or the built-in bank's name.</param>
/// <param name="Bytes">The file's size, or null for the built-in bank (it has no file).</param>
/// <param name="Source">Where it was found: "configured" (the server's setting), "environment" (<c>$CANTUS_SOUNDFONT</c>), "system" (a bank installed in <c>/usr/share/sounds/sf2</c>) or "built-in" (no file).</param>
public sealed record SoundFontInfo(string Name, long? Bytes, string Source);
