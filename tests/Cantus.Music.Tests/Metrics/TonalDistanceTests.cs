using Cantus.Music.Metrics;
using Cantus.Music.PianoRolls;

namespace Cantus.Music.Tests.Metrics;

/// <summary>Tonal centroid and distance against Harte et al. (2006), Eq. 3, worked by hand.</summary>
public class TonalDistanceTests
{
    private const int C4 = 60, G4 = 67;

    // ‖Φ_G − Φ_C‖: Φ_C = (0, 1, 0, 1, 0, 1/2); Φ_G (l = 7) = (sin 49π/6, cos 49π/6, sin 21π/2, cos 21π/2,
    // ½ sin 14π/3, ½ cos 14π/3) = (1/2, √3/2, 1, 0, √3/4, −1/4).
    private static readonly double CToG = Math.Sqrt(0.25 + Math.Pow(1 - Math.Sqrt(3) / 2, 2) + 1 + 1 + 3.0 / 16 + 9.0 / 16);

    [Fact]
    public void CentroidOfOnePitchClassIsItsColumn()
    {
        var zeta = new double[6];
        var chroma = new double[12];
        chroma[0] = 3; // normalised away
        TonalDistance.Centroid(chroma, zeta);
        Assert.Equal([0, 1, 0, 1, 0, 0.5], zeta.Select(v => Math.Round(v, 12)));

        Array.Clear(chroma);
        chroma[7] = 1;
        TonalDistance.Centroid(chroma, zeta);
        double[] g = [0.5, Math.Sqrt(3) / 2, 1, 0, Math.Sqrt(3) / 4, -0.25];
        for (var d = 0; d < 6; d++) Assert.Equal(g[d], zeta[d], 12);
    }

    [Fact]
    public void CentroidRejectsBadChroma()
    {
        var zeta = new double[6];
        Assert.Throws<ArgumentException>(() => TonalDistance.Centroid(new double[12], zeta));
        Assert.Throws<ArgumentException>(() => TonalDistance.Centroid(new double[11], zeta));
        var negative = new double[12];
        negative[3] = -1;
        negative[4] = 2;
        Assert.Throws<ArgumentException>(() => TonalDistance.Centroid(negative, zeta));
    }

    [Fact]
    public void OneBeatFifthApart()
    {
        var a = new PianoRollTrack(16).Note(C4, 0, 4);
        var b = new PianoRollTrack(16).Note(G4, 0, 4);
        Assert.Equal(CToG, TonalDistance.Between(a, b)!.Value, 12);
        Assert.Equal(0.0, TonalDistance.Between(a, new PianoRollTrack(16).Note(48, 1)));
    }

    [Fact]
    public void ChromaIsNormalisedPerBeat()
    {
        // a: three cells of C, one of G → c = (3/4 C, 1/4 G); b: C → ζa − ζb = ¼(Φ_G − Φ_C).
        var a = new PianoRollTrack(16).Note(C4, 0, 3).Note(G4, 3);
        var b = new PianoRollTrack(16).Note(C4, 0);
        Assert.Equal(CToG / 4, TonalDistance.Between(a, b)!.Value, 12);
    }

    [Fact]
    public void MeanOverDefinedBeatsThenOverDefinedBars()
    {
        // Bar 0: beat 0 C vs G (d), beat 1 C vs C (0), beats 2-3 b silent → bar value d/2.
        // Bar 1: b silent → undefined. Bar 2: beat 0 C vs G → d. Sample: (d/2 + d) / 2 = 3d/4.
        var a = new PianoRollTrack(48).Note(C4, 0, 48);
        var b = new PianoRollTrack(48).Note(G4, 0, 4).Note(C4, 4, 4).Note(G4, 32, 4);
        Assert.Equal(0.75 * CToG, TonalDistance.Between(a, b)!.Value, 12);
        Assert.Equal(0.75 * CToG, TonalDistance.Between(b, a)!.Value, 12);
    }

    [Fact]
    public void BeatLengthIsAnOption()
    {
        // With 8-step beats, steps 0..7 form one beat: a = C, b = (½ G, ½ C) → d/2.
        var a = new PianoRollTrack(16).Note(C4, 0, 8);
        var b = new PianoRollTrack(16).Note(G4, 0, 4).Note(C4, 4, 4);
        Assert.Equal(CToG / 2, TonalDistance.Between(a, b, new MetricOptions(16, 8))!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricOptions(4, 8));
    }

    [Fact]
    public void UndefinedWithoutASharedSoundingBeat()
    {
        var a = new PianoRollTrack(32).Note(C4, 0, 4);
        var b = new PianoRollTrack(32).Note(G4, 4, 4);
        Assert.Null(TonalDistance.Between(a, b));
        Assert.Null(TonalDistance.Between(new PianoRollTrack(15).Note(C4, 0), new PianoRollTrack(15).Note(C4, 0)));
        Assert.Throws<ArgumentException>(() => TonalDistance.Between(a, new PianoRollTrack(16)));
    }

    [Fact]
    public void DistanceIsBoundedByTwiceTheRadiusNorm()
    {
        // Every centroid lies within √(r1² + r2² + r3²) = 1.5 of the origin, so distances are ≤ 3.
        var rng = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = new PianoRollTrack(16);
            var b = new PianoRollTrack(16);
            for (var i = 0; i < 6; i++)
            {
                a.Note(rng.Next(128), rng.Next(16));
                b.Note(rng.Next(128), rng.Next(16));
            }
            var d = TonalDistance.Between(a, b);
            if (d is { } v) Assert.InRange(v, 0, 3);
        }
    }
}
