namespace Cantus.Music.Images;

/// <summary>Settings of an animated PNG written by <see cref="ApngEncoder"/>.</summary>
public sealed class ApngOptions
{
    /// <summary>The defaults: half a second per frame, looping forever.</summary>
    public static ApngOptions Default { get; } = new();

    /// <summary>How long each frame shows unless <see cref="ApngEncoder.WriteFrame"/> says otherwise; default 500 ms, at most 65535 s.</summary>
    public TimeSpan FrameDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Times the animation plays (acTL num_plays); 0, the default, means forever.</summary>
    public int LoopCount { get; init; }

    /// <summary>Largest number of frames accepted; default 10000.</summary>
    public int MaxFrames { get; init; } = 10_000;

    /// <summary>Filtering, compression and pixel format of every frame. With <see cref="PngPixelFormat.Auto"/> the first frame decides.</summary>
    public PngEncoderOptions Png { get; init; } = PngEncoderOptions.Default;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Png, nameof(Png));
        Png.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(LoopCount, nameof(LoopCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrames, 1, nameof(MaxFrames));
        ApngEncoder.DelayFraction(FrameDelay);
    }
}
