using Cantus.Gan.Networks;
using Cantus.Tensors;

namespace Cantus.Gan.Tests.Networks;

/// <summary>The networks against torch_reference.py: state-dict names, parameter counts, shapes.</summary>
public sealed class NetworkTests
{
    [Fact]
    public void LabSize_ParameterCountsMatchPyTorch()
    {
        // deepcomposer-lab.md, "Reference speed": PyTorch counts generator 8,270,852 and critic 2,766,785.
        var r = new SeededRandom(1);
        Assert.Equal(8_270_852, new Generator(GanArchitecture.Lab, r).Parameters().Sum(p => p.Count));
        Assert.Equal(2_766_785, new Critic(GanArchitecture.Lab, r).Parameters().Sum(p => p.Count));
    }

    [Fact]
    public void StateDictNames_AreTorchReferenceNames()
    {
        var a = GanArchitecture.Lab with { Filters = 2, LatentChannels = 4 };
        var g = new Generator(a, new SeededRandom(1)).StateDict().Keys.ToHashSet();
        foreach (var conv in new[] { "d1", "d2", "d3", "d4", "u4", "u5", "u6", "out" })
        {
            Assert.Contains(conv + ".conv.weight", g);
            Assert.Contains(conv + ".conv.bias", g);
        }
        foreach (var bn in new[] { "b2", "b3", "b4", "c4", "c5", "c6" })
            foreach (var field in new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" })
                Assert.Contains($"{bn}.{field}", g);
        Assert.Equal(8 * 2 + 6 * 5, g.Count);
        var d = new Critic(a, new SeededRandom(1)).StateDict().Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["c1.conv.bias", "c1.conv.weight", "c2.conv.bias", "c2.conv.weight", "c3.conv.bias", "c3.conv.weight", "c4.conv.bias", "c4.conv.weight", "fc.bias", "fc.weight"], d);
    }

    [Fact]
    public void CroppedArchitecture_ShapesFollowTheRange()
    {
        // 36..99: 64 pitches, so the bottleneck is 2×4 and the critic's dense layer has 8f·2·4 inputs.
        var a = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 };
        var r = new SeededRandom(3);
        var g = new Generator(a, r);
        var d = new Critic(a, r);
        var c = r.Uniform(new TensorShape(2, 1, 32, 64), -1, 1);
        var z = r.Normal(new TensorShape(2, 3, 2, 4));
        var y = g.Forward(c, z);
        Assert.Equal(new TensorShape(2, 4, 32, 64), y.Shape);
        Assert.All(y.ToArray(), v => Assert.InRange(v, -1f, 1f));
        Assert.Equal(new TensorShape(2, 1), d.Forward(y, c).Shape);
        Assert.Equal(new TensorShape(1, 16 * 2 * 4), d.StateDict()["fc.weight"].Shape);
        Assert.Equal(99, a.HighestPitch);
    }

    [Fact]
    public void Forward_WrongShapes_NameTheExpectedShape()
    {
        var a = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 };
        var g = new Generator(a, new SeededRandom(1));
        var ex = Assert.Throws<ArgumentException>(() => g.Forward(Tensor.Zeros(1, 1, 32, 128), Tensor.Zeros(1, 3, 2, 4)));
        Assert.Contains("(N, 1, 32, 64)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => g.Forward(Tensor.Zeros(1, 1, 32, 64), Tensor.Zeros(1, 3, 2, 8)));
    }

    [Theory]
    [InlineData(0, 4, 32, 128, 512)]
    [InlineData(8, 1, 32, 128, 512)]
    [InlineData(8, 4, 30, 128, 512)]
    [InlineData(8, 4, 32, 100, 512)]
    [InlineData(8, 4, 32, 128, 0)]
    public void Validate_RejectsBadSizes(int filters, int tracks, int steps, int pitches, int latent)
    {
        var a = new GanArchitecture { Filters = filters, Tracks = tracks, Steps = steps, Pitches = pitches, LatentChannels = latent };
        Assert.Throws<ArgumentException>(a.Validate);
    }

    [Fact]
    public void Validate_RejectsRangeBeyondMidi()
    {
        Assert.Throws<ArgumentException>(new GanArchitecture { LowestPitch = 80, Pitches = 64 }.Validate);
    }

    [Fact]
    public void CriticFilters_WidenOnlyTheCritic()
    {
        var a = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3 };
        var wide = a with { CriticFilters = 4 };
        var r = new SeededRandom(1);
        Assert.Equal(new Generator(a, r).Parameters().Sum(p => p.Count), new Generator(wide, r).Parameters().Sum(p => p.Count));
        var d = new Critic(wide, r).StateDict();
        Assert.Equal(new TensorShape(4, 5, 4, 4), d["c1.conv.weight"].Shape);
        Assert.Equal(new TensorShape(1, 32 * 2 * 4), d["fc.weight"].Shape);
        Assert.Equal(2, a.CriticWidth);
        Assert.Equal(4, wide.CriticWidth);
        Assert.Throws<ArgumentException>((a with { CriticFilters = 0 }).Validate);
    }

    [Fact]
    public void ConditionOctaves_ShiftTheMelodyDownByOctaves()
    {
        // Reference: channel k at pitch row p is the melody at row p + 12k, off (−1) past the top.
        var r = new SeededRandom(7);
        var c = r.Uniform(new TensorShape(2, 1, 16, 48), -1, 1);
        var x = OctaveCondition.Expand(c, 3);
        Assert.Equal(new TensorShape(2, 3, 16, 48), x.Shape);
        var cv = c.ToArray();
        var xv = x.ToArray();
        for (var n = 0; n < 2; n++)
            for (var k = 0; k < 3; k++)
                for (var t = 0; t < 16; t++)
                    for (var p = 0; p < 48; p++)
                    {
                        var expected = p + 12 * k < 48 ? cv[(n * 16 + t) * 48 + p + 12 * k] : -1f;
                        Assert.Equal(expected, xv[((n * 3 + k) * 16 + t) * 48 + p]);
                    }
        Assert.Same(c, OctaveCondition.Expand(c, 1));
    }

    [Fact]
    public void ConditionOctaves_WidenOnlyTheFirstLayers()
    {
        var a = new GanArchitecture { Filters = 2, LowestPitch = 36, Pitches = 64, LatentChannels = 3, ConditionOctaves = 3 };
        var r = new SeededRandom(2);
        var g = new Generator(a, r);
        var d = new Critic(a, r);
        Assert.Equal(new TensorShape(2, 3, 4, 4), g.StateDict()["d1.conv.weight"].Shape);
        Assert.Equal(new TensorShape(2, 7, 4, 4), d.StateDict()["c1.conv.weight"].Shape);
        var c = r.Uniform(new TensorShape(2, 1, 32, 64), -1, 1);
        var y = g.Forward(c, r.Normal(new TensorShape(2, 3, 2, 4)));
        Assert.Equal(new TensorShape(2, 4, 32, 64), y.Shape);
        Assert.Equal(new TensorShape(2, 1), d.Forward(y, c).Shape);
        Assert.Throws<ArgumentException>((a with { ConditionOctaves = 0 }).Validate);
        Assert.Throws<ArgumentException>((a with { Pitches = 16, LowestPitch = 36, ConditionOctaves = 3 }).Validate);
    }
}
