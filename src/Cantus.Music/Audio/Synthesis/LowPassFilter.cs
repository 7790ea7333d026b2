namespace Cantus.Music.Audio.Synthesis;

/// <summary>
/// The two-pole resonant low-pass filter of SoundFont 2.04 section 9.1.3, as an RBJ cookbook biquad
/// (direct form I). The cutoff comes in Hz and the resonance as the height of the peak in dB
/// (initialFilterQ / 10); Q = 10^((dB − 3.01)/20) as in FluidSynth, so 0 dB gives Q = 1/√2, a flat
/// Butterworth response, and a high resonance peaks about dB − 3 above the pass band.
/// Coefficients are recomputed only when cutoff or Q change; at a cutoff near Nyquist with no
/// resonance the filter is bypassed, as in MeltySynth's BiQuadFilter.
/// </summary>
internal sealed class LowPassFilter(int sampleRate)
{
    private float _b0, _b1, _b2, _a1, _a2;
    private float _x1, _x2, _y1, _y2;
    private double _cutoff = double.NaN, _q = double.NaN;
    private bool _active;

    /// <summary>Clears the filter memory (a new note).</summary>
    public void Reset()
    {
        _x1 = _x2 = _y1 = _y2 = 0;
        _cutoff = _q = double.NaN;
    }

    /// <summary>
    /// Sets the cutoff (absolute cents, f = 8.176 Hz · 2^(cents/1200)) and resonance (dB) used by the
    /// next <see cref="Process"/>; changes below one cent are ignored to save recomputing coefficients.
    /// </summary>
    public void SetParameters(double cutoffCents, double resonanceDb)
    {
        if (Math.Abs(cutoffCents - _cutoff) < 1 && resonanceDb == _q) return;
        _cutoff = cutoffCents;
        _q = resonanceDb;
        var q = Math.Pow(10, (resonanceDb - 3.01) / 20);
        var cutoffHz = Math.Clamp(RegionPair.AbsoluteCentsToHertz(cutoffCents), 5, 0.49 * sampleRate);
        var wasActive = _active;
        _active = cutoffHz < 0.45 * sampleRate || resonanceDb > 0.1;
        if (!_active) return;
        if (!wasActive) _x1 = _x2 = _y1 = _y2 = 0;
        var w = 2 * Math.PI * cutoffHz / sampleRate;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        _b1 = (float)((1 - cos) / a0);
        _b0 = _b2 = _b1 / 2;
        _a1 = (float)(-2 * cos / a0);
        _a2 = (float)((1 - alpha) / a0);
    }

    /// <summary>Filters <paramref name="block"/> in place: y = b0 x + b1 x₁ + b2 x₂ − a1 y₁ − a2 y₂.</summary>
    public void Process(Span<float> block)
    {
        if (!_active) return;
        // Coefficients in locals: the JIT cannot prove that writes to the span leave the fields alone.
        // The previous output y1 enters last, so the loop-carried chain is one multiply and one subtract.
        float b0 = _b0, b1 = _b1, b2 = _b2, a1 = _a1, a2 = _a2;
        float x1 = _x1, x2 = _x2, y1 = _y1, y2 = _y2;
        for (var i = 0; i < block.Length; i++)
        {
            var x = block[i];
            var y = b0 * x + b1 * x1 + b2 * x2 - a2 * y2 - a1 * y1;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            block[i] = y;
        }

        // Flush denormals so a decaying tail does not slow the loop down.
        _x1 = x1; _x2 = x2;
        _y1 = Math.Abs(y1) < 1e-20f ? 0 : y1;
        _y2 = Math.Abs(y2) < 1e-20f ? 0 : y2;
    }
}
