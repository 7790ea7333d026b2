using System.Globalization;

namespace Cantus.Music.Images;

/// <summary>An 8-bit-per-channel colour with straight (not premultiplied) alpha, as PNG stores it.</summary>
/// <param name="R">Red 0..255.</param>
/// <param name="G">Green 0..255.</param>
/// <param name="B">Blue 0..255.</param>
/// <param name="A">Alpha 0..255; 255 is opaque.</param>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque white.</summary>
    public static Rgba White { get; } = new(255, 255, 255);

    /// <summary>Opaque black.</summary>
    public static Rgba Black { get; } = new(0, 0, 0);

    /// <summary>Fully transparent black.</summary>
    public static Rgba Transparent { get; } = new(0, 0, 0, 0);

    /// <summary>True when <see cref="A"/> is 255.</summary>
    public bool IsOpaque => A == 255;

    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA" (the '#' is optional).</summary>
    /// <exception cref="ArgumentException">The text is not 6 or 8 hexadecimal digits.</exception>
    public static Rgba Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith('#') ? hex.AsSpan(1) : hex.AsSpan();
        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"Colour '{hex}' is not #RRGGBB or #RRGGBBAA.", nameof(hex));
        if (s.Length == 6) v = (v << 8) | 0xFF;
        return new Rgba((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>Linear mix: this·(1 − t) + other·t per channel, t clamped to [0, 1].</summary>
    public Rgba Mix(Rgba other, double t)
    {
        t = Math.Clamp(t, 0, 1);
        static byte M(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
        return new Rgba(M(R, other.R, t), M(G, other.G, t), M(B, other.B, t), M(A, other.A, t));
    }

    /// <summary>"#RRGGBB" for opaque colours, otherwise "#RRGGBBAA".</summary>
    public override string ToString() => IsOpaque ? $"#{R:X2}{G:X2}{B:X2}" : $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}
