using System.Numerics;

namespace Cantus.Music.Tests.Audio.Helpers;

/// <summary>A radix-2 FFT and peak picking for pitch tests (written here so the tests do not trust the code under test).</summary>
internal static class Spectrum
{
    /// <summary>In-place iterative Cooley–Tukey FFT; the length must be a power of two.</summary>
    public static void Fft(Complex[] x)
    {
        var n = x.Length;
        if ((n & (n - 1)) != 0) throw new ArgumentException("Length must be a power of two.");
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (x[i], x[j]) = (x[j], x[i]);
        }

        for (var len = 2; len <= n; len <<= 1)
        {
            var w = Complex.FromPolarCoordinates(1, -2 * Math.PI / len);
            for (var i = 0; i < n; i += len)
            {
                var wk = Complex.One;
                for (var k = 0; k < len / 2; k++)
                {
                    var u = x[i + k];
                    var v = x[i + k + len / 2] * wk;
                    x[i + k] = u + v;
                    x[i + k + len / 2] = u - v;
                    wk *= w;
                }
            }
        }
    }

    /// <summary>Hann-windowed magnitude spectrum of <paramref name="n"/> samples starting at <paramref name="start"/>.</summary>
    public static double[] Magnitudes(ReadOnlySpan<float> signal, int start, int n)
    {
        var x = new Complex[n];
        for (var i = 0; i < n; i++) x[i] = signal[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1)));
        Fft(x);
        var m = new double[n / 2];
        for (var i = 0; i < m.Length; i++) m[i] = x[i].Magnitude;
        return m;
    }

    /// <summary>Frequency of the largest bin between the bounds, refined by a parabola through its neighbours.</summary>
    public static double PeakFrequency(double[] magnitudes, int sampleRate, double minHz, double maxHz)
    {
        var n = magnitudes.Length * 2;
        var lo = (int)Math.Ceiling(minHz * n / sampleRate);
        var hi = (int)Math.Floor(maxHz * n / sampleRate);
        var best = lo;
        for (var i = lo; i <= hi; i++) if (magnitudes[i] > magnitudes[best]) best = i;
        return RefinedBin(magnitudes, best) * sampleRate / n;
    }

    /// <summary>Bins that are local maxima and at least <paramref name="fraction"/> of the largest, strongest first, as frequencies.</summary>
    public static List<double> Peaks(double[] magnitudes, int sampleRate, double fraction, double maxHz)
    {
        var n = magnitudes.Length * 2;
        var hi = Math.Min(magnitudes.Length - 2, (int)(maxHz * n / sampleRate));
        var max = magnitudes.Take(hi).Max();
        var peaks = new List<(double Magnitude, double Hz)>();
        for (var i = 2; i < hi; i++)
        {
            if (magnitudes[i] >= fraction * max && magnitudes[i] > magnitudes[i - 1] && magnitudes[i] >= magnitudes[i + 1])
                peaks.Add((magnitudes[i], RefinedBin(magnitudes, i) * sampleRate / n));
        }

        return [.. peaks.OrderByDescending(p => p.Magnitude).Select(p => p.Hz)];
    }

    public static double MidiToHz(double key) => 440 * Math.Pow(2, (key - 69) / 12);

    private static double RefinedBin(double[] m, int i)
    {
        if (i <= 0 || i >= m.Length - 1) return i;
        double a = m[i - 1], b = m[i], c = m[i + 1];
        var d = a - 2 * b + c;
        return d == 0 ? i : i + 0.5 * (a - c) / d;
    }
}
