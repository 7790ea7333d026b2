namespace Cantus.Music.Audio.SoundFonts;

/// <summary>
/// Builds the built-in bank of <see cref="SoundFont.CreateFallback"/> in memory, so that audio works
/// on a machine without any .sf2 file. The piano-like tone is additive synthesis: harmonic partials
/// with amplitude 1/n^1.1 whose upper partials fade relative to the fundamental (a struck string gets
/// darker as it rings), a short hammer noise, then a seamless loop; the volume envelope supplies the
/// overall decay, longer for low keys (keynumToVolEnvDecay). Drums are a pitched sine "kick" and a
/// noise burst. Everything goes through the ordinary SoundFont voice path.
/// </summary>
internal static class FallbackSoundFont
{
    private const int Rate = 44100;
    private const int AttackPoints = Rate * 6 / 10;   // 0.6 s of evolving timbre before the loop
    private static readonly Lazy<SoundFont> Lazy = new(Build);

    public static SoundFont Instance => Lazy.Value;

    private static SoundFont Build()
    {
        var data = new List<short>();
        var pianoRegions = new List<InstrumentRegion>();
        int[] roots = [24, 36, 48, 60, 72, 84, 96];
        for (var i = 0; i < roots.Length; i++)
        {
            var header = AddPianoSample(data, roots[i]);
            var g = GeneratorSet.InstrumentDefaults();
            var low = i == 0 ? 0 : roots[i] - 6;
            var high = i == roots.Length - 1 ? 127 : roots[i] + 5;
            g.Set((int)GeneratorType.KeyRange, (short)(low | (high << 8)));
            g.Set((int)GeneratorType.SampleModes, 1);                 // continuous loop
            g.Set((int)GeneratorType.DecayVolEnv, 4302);              // 1200·log2(12 s) to -100 dB at key 60
            g.Set((int)GeneratorType.KeynumToVolEnvDecay, 40);        // +40 timecents per key below 60
            g.Set((int)GeneratorType.SustainVolEnv, 1000);            // decays to silence like a struck string
            g.Set((int)GeneratorType.ReleaseVolEnv, -2400);           // 0.25 s damper
            g.Set((int)GeneratorType.ReverbEffectsSend, 150);
            pianoRegions.Add(new InstrumentRegion(g, header));
        }

        var piano = new Instrument("Fallback Piano", [.. pianoRegions]);
        var kick = AddDrumSample(data, "Kick", isKick: true);
        var noise = AddDrumSample(data, "Noise", isKick: false);
        var kickZone = GeneratorSet.InstrumentDefaults();
        kickZone.Set((int)GeneratorType.KeyRange, 35 | (36 << 8));
        kickZone.Set((int)GeneratorType.ScaleTuning, 0);
        var noiseZone = GeneratorSet.InstrumentDefaults();
        noiseZone.Set((int)GeneratorType.KeyRange, 37 | (127 << 8));
        noiseZone.Set((int)GeneratorType.ScaleTuning, 50);
        noiseZone.Set((int)GeneratorType.ExclusiveClass, 0);
        var kit = new Instrument("Fallback Drums", [new InstrumentRegion(kickZone, kick), new InstrumentRegion(noiseZone, noise)]);

        data.AddRange(new short[SoundFontReader.GuardPoints]);
        Preset[] presets =
        [
            new("Fallback Piano", 0, 0, [new PresetRegion(GeneratorSet.PresetDefaults(), piano)]),
            new("Fallback Drums", 128, 0, [new PresetRegion(GeneratorSet.PresetDefaults(), kit)]),
        ];
        return new SoundFont("Cantus built-in fallback", "2.04", [.. data], presets, isFallback: true);
    }

    private static SampleHeader AddPianoSample(List<short> data, int root)
    {
        // An integer period makes the frozen tail exactly periodic, so the loop is seamless;
        // the small pitch error of rounding the period is stored as root key + pitch correction.
        var period = (int)Math.Round(Rate / (440.0 * Math.Pow(2, (root - 69) / 12.0)));
        var frequency = (double)Rate / period;
        var key = 69 + 12 * Math.Log2(frequency / 440);
        var originalPitch = (int)Math.Round(key);
        var correction = (int)Math.Round((originalPitch - key) * 100);
        var loopLength = period * Math.Max(1, 2048 / period);
        var length = AttackPoints + loopLength + 4;
        var partials = Math.Min(16, (int)(0.45 * Rate / frequency));
        var samples = new double[length];
        var random = new Random(root);
        for (var t = 0; t < length; t++)
        {
            var frozen = Math.Min(t, AttackPoints) / (double)Rate;
            double s = 0;
            for (var n = 1; n <= partials; n++)
            {
                var fade = Math.Exp(-frozen * (n - 1) * 2.5);
                s += Math.Sin(2 * Math.PI * n * t / period) * fade / Math.Pow(n, 1.1);
            }

            var seconds = t / (double)Rate;
            s *= Math.Min(1, seconds / 0.002);                          // 2 ms onset avoids a click
            s += (random.NextDouble() * 2 - 1) * 0.3 * Math.Exp(-seconds / 0.004); // hammer
            samples[t] = s;
        }

        var start = data.Count;
        AppendNormalised(data, samples);
        return new SampleHeader($"Piano {root}", start, start + length, start + AttackPoints, start + AttackPoints + loopLength,
            Rate, (byte)originalPitch, (sbyte)correction, 1);
    }

    private static SampleHeader AddDrumSample(List<short> data, string name, bool isKick)
    {
        var length = Rate / 2;
        var samples = new double[length];
        var random = new Random(isKick ? 1 : 2);
        double phase = 0;
        for (var t = 0; t < length; t++)
        {
            var seconds = t / (double)Rate;
            if (isKick)
            {
                phase += 2 * Math.PI * (50 + 70 * Math.Exp(-seconds / 0.03)) / Rate;
                samples[t] = Math.Sin(phase) * Math.Exp(-seconds / 0.12);
            }
            else
            {
                samples[t] = (random.NextDouble() * 2 - 1) * Math.Exp(-seconds / 0.06);
            }
        }

        var start = data.Count;
        AppendNormalised(data, samples);
        return new SampleHeader(name, start, start + length, start, start, Rate, 60, 0, 1);
    }

    private static void AppendNormalised(List<short> data, double[] samples)
    {
        var peak = samples.Max(Math.Abs);
        var scale = peak > 0 ? 16000 / peak : 0;
        foreach (var s in samples) data.Add((short)Math.Round(s * scale));
    }
}
