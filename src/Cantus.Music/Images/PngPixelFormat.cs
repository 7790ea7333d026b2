namespace Cantus.Music.Images;

/// <summary>The PNG colour type the encoder writes (PNG spec §11.2.2, IHDR), always 8 bits per channel.</summary>
public enum PngPixelFormat
{
    /// <summary>RGB when every pixel is opaque, otherwise RGBA.</summary>
    Auto = 0,

    /// <summary>Colour type 2, truecolour; alpha is dropped.</summary>
    Rgb = 2,

    /// <summary>Colour type 6, truecolour with alpha.</summary>
    Rgba = 6,
}
