namespace Cantus.Service.Audio;

/// <summary>The SoundFont file the server renders with, to be served as it is.</summary>
/// <param name="Path">Its full path on this machine (not for clients).</param>
/// <param name="Name">Its file name.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="LastModified">When it last changed (UTC).</param>
/// <param name="ETag">A strong entity tag of this version of the file (quoted), from its size and time.</param>
public sealed record SoundFontFile(string Path, string Name, long Bytes, DateTimeOffset LastModified, string ETag);
