namespace Cantus.Tensors;

/// <summary>
/// A seeded, platform-independent random source (xoshiro256** seeded by SplitMix64, as
/// recommended by Blackman &amp; Vigna), so that initialisation, noise and dropout are
/// reproducible bit for bit across machines and .NET versions. Not thread-safe: give each
/// thread its own instance.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public SeededRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public float NextUniform(float low, float high) => (float)(low + (high - low) * NextDouble());

    /// <summary>Standard normal N(0, 1) by the Marsaglia polar method (pairs; the spare is cached).</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        return u * f;
    }

    /// <summary>
    /// Normal N(mean, std²) truncated to within two standard deviations, redrawing values
    /// outside (as Keras' TruncatedNormal and TensorFlow's truncated_normal).
    /// </summary>
    public float NextTruncatedNormal(float mean, float std)
    {
        double z;
        do z = NextNormal();
        while (Math.Abs(z) > 2);
        return (float)(mean + std * z);
    }

    /// <summary>A tensor of the given shape filled with N(mean, std²) samples.</summary>
    public Tensor Normal(TensorShape shape, float mean = 0, float std = 1)
    {
        var t = Tensor.Zeros(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = (float)(mean + std * NextNormal());
        return t;
    }

    /// <summary>A tensor of the given shape filled with truncated-normal samples (see <see cref="NextTruncatedNormal"/>).</summary>
    public Tensor TruncatedNormal(TensorShape shape, float mean = 0, float std = 1)
    {
        var t = Tensor.Zeros(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = NextTruncatedNormal(mean, std);
        return t;
    }

    /// <summary>A tensor of the given shape filled with uniform samples in [low, high).</summary>
    public Tensor Uniform(TensorShape shape, float low = 0, float high = 1)
    {
        var t = Tensor.Zeros(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = NextUniform(low, high);
        return t;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
