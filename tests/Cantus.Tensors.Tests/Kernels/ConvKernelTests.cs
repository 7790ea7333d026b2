using Cantus.Tensors.Kernels;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Kernels;

/// <summary>im2col+GEMM convolution kernels against the direct-loop reference, and determinism over thread counts.</summary>
[Collection(EngineSettingsCollection.Name)]
public sealed class ConvKernelTests
{
    private static float[] Random(int n, ulong seed)
    {
        var r = new SeededRandom(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.NextUniform(-1, 1);
        return a;
    }

    // batch, cin, h, w, cout, k, stride, top, bottom, left, right
    [Theory]
    [InlineData(new[] { 2, 3, 9, 10, 5, 4, 2, 1, 2, 1, 1 })]
    [InlineData(new[] { 1, 2, 6, 7, 4, 4, 1, 1, 2, 1, 2 })]
    [InlineData(new[] { 3, 1, 8, 8, 2, 3, 1, 0, 0, 0, 0 })]
    [InlineData(new[] { 2, 4, 4, 16, 3, 4, 2, 1, 1, 1, 1 })]
    [InlineData(new[] { 5, 2, 5, 5, 3, 1, 1, 0, 0, 0, 0 })]
    [InlineData(new[] { 3, 2, 34, 36, 3, 4, 1, 1, 2, 1, 2 })] // ≥ 1024 output pixels: one sample per chunk
    [InlineData(new[] { 40, 3, 4, 4, 5, 4, 2, 1, 1, 1, 1 })] // 4 pixels: many samples per chunk, several chunks
    [InlineData(new[] { 2, 3, 5, 64, 4, 3, 1, 1, 1, 1, 1 })] // 4 output channels, rows of 64: direct kernel
    [InlineData(new[] { 2, 3, 6, 128, 5, 4, 2, 1, 1, 1, 1 })] // stride 2, rows of 64: vector gather, edge at the array end
    [InlineData(new[] { 1, 2, 4, 96, 3, 4, 2, 2, 1, 0, 2 })] // stride 2, even left offsets
    [InlineData(new[] { 3, 2, 4, 128, 3, 4, 1, 1, 2, 1, 2 })] // 3 output channels, rows of 128: direct kernel
    public void ForwardAndGradients_MatchDirectLoops(int[] p)
    {
        int n = p[0], cin = p[1], h = p[2], w = p[3], cout = p[4], k = p[5], s = p[6], top = p[7], bottom = p[8], left = p[9], right = p[10];
        var g = new ConvGeometry(n, cin, h, w, cout, k, k, s, new Padding2d(top, bottom, left, right));
        var x = Random(n * cin * h * w, 1);
        var wt = Random(cout * cin * k * k, 2);
        var b = Random(cout, 3);
        var gy = Random(n * cout * g.OutPlane, 4);

        var y = new float[n * cout * g.OutPlane];
        var yRef = new float[y.Length];
        ConvKernels.Forward(x, wt, b, y, g);
        ConvReference.Forward(x, wt, b, yRef, g);
        TensorAssert.Close(yRef, y, 1e-5, 1e-5, "conv forward");

        var dx = new float[x.Length];
        var dxRef = new float[x.Length];
        ConvKernels.InputGrad(gy, wt, dx, g);
        ConvReference.InputGrad(gy, wt, dxRef, g);
        TensorAssert.Close(dxRef, dx, 1e-5, 1e-5, "conv input grad");

        var dw = new float[wt.Length];
        var dwRef = new float[wt.Length];
        ConvKernels.WeightGrad(x, gy, dw, g);
        ConvReference.WeightGrad(x, gy, dwRef, g);
        TensorAssert.Close(dwRef, dw, 1e-5, 1e-5, "conv weight grad");
    }

    [Fact]
    public void StridedInputGrad_SubPixelPhases_UsedForLabLayers_AndExact()
    {
        // The critic's c2 (64→128 channels, here 32→2), 16×64 input, stride 2, TF 'same'.
        int cin = StridedInputGradKernels.MinInputChannels;
        var g = new ConvGeometry(3, cin, 16, 64, 2, 4, 4, 2, Padding2d.Same(16, 64, 4, 2));
        Assert.True(StridedInputGradKernels.Applies(g));
        Assert.False(StridedInputGradKernels.Applies(new ConvGeometry(1, cin, 9, 10, 1, 4, 4, 2, Padding2d.Same(9, 10, 4, 2)))); // odd size: col2im
        Assert.False(StridedInputGradKernels.Applies(g with { InChannels = 5 })); // few input channels: col2im
        foreach (var geometry in new[] { g, g with { Stride = 1, Padding = Padding2d.Same(16, 64, 4, 1) } })
        {
            Assert.True(StridedInputGradKernels.Applies(geometry));
            var gy1 = Random(3 * 2 * geometry.OutPlane, 10);
            var w1 = Random(2 * cin * 16, 11);
            var d1 = new float[3 * cin * 16 * 64];
            var r1 = new float[d1.Length];
            ConvKernels.InputGrad(gy1, w1, d1, geometry);
            ConvReference.InputGrad(gy1, w1, r1, geometry);
            TensorAssert.Close(r1, d1, 1e-5, 1e-5, $"flipped-kernel input grad, stride {geometry.Stride}");
        }
        var gy = Random(3 * 2 * g.OutPlane, 8);
        var wt = Random(2 * cin * 16, 9);
        var dx = new float[3 * cin * 16 * 64];
        var dxRef = new float[dx.Length];
        ConvKernels.InputGrad(gy, wt, dx, g);
        ConvReference.InputGrad(gy, wt, dxRef, g);
        TensorAssert.Close(dxRef, dx, 1e-5, 1e-5, "sub-pixel input grad");
    }

    [Fact]
    public void DirectKernel_AppliesOnlyToFewChannelsStrideOneWideRows()
    {
        var g = new ConvGeometry(2, 3, 5, 64, 4, 3, 3, 1, Padding2d.Uniform(1));
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, DirectConvKernels.Applies(g));
        Assert.False(DirectConvKernels.Applies(g with { OutChannels = 5 }));
        Assert.False(DirectConvKernels.Applies(g with { Stride = 2 }));
        Assert.False(DirectConvKernels.Applies(g with { Width = 63 }));
    }

    [Fact]
    public void HandComputed_1x1Input_3x3KernelWithPadding()
    {
        // x = [[2]], pad 1 all round, w = 1..9: the single output reads only the centre tap (5): y = 2·5 + 1.
        var g = new ConvGeometry(1, 1, 1, 1, 1, 3, 3, 1, Padding2d.Uniform(1));
        var y = new float[1];
        ConvKernels.Forward([2f], [1, 2, 3, 4, 5, 6, 7, 8, 9], [1f], y, g);
        Assert.Equal(11f, y[0]);
    }

    [Fact]
    public void ThreadCounts_BitIdentical()
    {
        var g = new ConvGeometry(6, 3, 8, 12, 4, 4, 4, 2, Padding2d.Same(8, 12, 4, 2));
        var x = Random(6 * 3 * 8 * 12, 5);
        var wt = Random(4 * 3 * 16, 6);
        var gy = Random(6 * 4 * g.OutPlane, 7);
        float[] Run(int threads, int which)
        {
            int saved = EngineSettings.ThreadCount;
            try
            {
                EngineSettings.ThreadCount = threads;
                var o = which switch { 0 => new float[6 * 4 * g.OutPlane], 1 => new float[x.Length], _ => new float[wt.Length] };
                if (which == 0) ConvKernels.Forward(x, wt, null, o, g);
                else if (which == 1) ConvKernels.InputGrad(gy, wt, o, g);
                else ConvKernels.WeightGrad(x, gy, o, g);
                return o;
            }
            finally { EngineSettings.ThreadCount = saved; }
        }
        for (int which = 0; which < 3; which++)
        {
            TensorAssert.BitEqual(Run(2, which), Run(2, which), $"conv kernel {which}, 2 threads twice");
            TensorAssert.Close(Run(1, which), Run(2, which), 1e-5, 1e-5, $"conv kernel {which}, 1 vs 2 threads");
        }
        // Forward and input grad split by sample: each sample's arithmetic is the same whatever the split.
        TensorAssert.BitEqual(Run(1, 0), Run(2, 0), "conv forward 1 vs 2 threads");
        TensorAssert.BitEqual(Run(1, 1), Run(2, 1), "conv input grad 1 vs 2 threads");
    }
}
