using Cantus.Gan.Composing;
using Cantus.Gan.Networks;
using Cantus.Music.PianoRolls;

namespace Cantus.Gan.Tests.Composing;

public sealed class RollCodecTests
{
    private static readonly GanArchitecture A = new() { Steps = 16, LowestPitch = 36, Pitches = 64 };

    [Fact]
    public void Encode_CropsShiftsAndPadsWithSilence()
    {
        var track = new PianoRollTrack(20);
        track[2, 40] = 1;   // row 4
        track[3, 100] = 1;  // above the crop: left out
        track[19, 36] = 1;  // step 17 of a window starting at 2
        var plane = new float[16 * 64];
        RollCodec.Encode(track, 2, 0, A, plane);
        Assert.Equal(1f, plane[0 * 64 + 4]);
        Assert.Equal(1, plane.Count(v => v > 0)); // step 19 is window step 17: outside the 16 steps
        RollCodec.Encode(track, 0, -12, A, plane);
        Assert.Equal([3 * 64 + 52], plane.Select((v, i) => (v, i)).Where(x => x.v > 0).Select(x => x.i)); // 100 − 12 = 88 → row 52; 40 − 12 below the crop
    }

    [Fact]
    public void Decode_ThresholdsAndMovesBack()
    {
        var plane = new float[16 * 64];
        Array.Fill(plane, -1f);
        plane[5 * 64 + 10] = 0.2f;  // pitch 46
        plane[6 * 64 + 11] = -0.1f;
        var track = new PianoRollTrack(8);
        RollCodec.Decode(plane, 0, 12, 0f, A, track); // shift +12 moves 46 → 58
        Assert.True(track.IsActive(5, 58));
        Assert.Equal(1, track.Cells.Count((byte)100));
        var late = new PianoRollTrack(8);
        RollCodec.Decode(plane, 4, 0, -0.5f, A, late);     // step 5 → 9 and 6 → 10 are past the end
        Assert.True(late.IsEmpty);
    }
}
