using Cantus.Tensors.Kernels;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Kernels;

/// <summary>The phase-decomposed upsample+conv against the plain definition: upsample ×2, then the direct-loop conv.</summary>
public sealed class UpsampleConvKernelTests
{
    [Theory]
    [InlineData(2, 3, 3, 5, 4)]
    [InlineData(1, 2, 1, 1, 3)]
    [InlineData(3, 5, 4, 8, 2)]
    [InlineData(2, 3, 2, 64, 4)] // the output layer's shape class: phases run the direct kernel
    public void MatchesUpsampleThenConv(int n, int cin, int h, int w, int cout)
    {
        var r = new SeededRandom(21);
        float[] Rand(int len) => Enumerable.Range(0, len).Select(_ => r.NextUniform(-1, 1)).ToArray();
        float[] x = Rand(n * cin * h * w), wt = Rand(cout * cin * 16), b = Rand(cout), gy = Rand(n * cout * 4 * h * w);
        var up = new float[n * cin * 4 * h * w];
        UpsampleKernels.Nearest2x(x, n * cin, h, w, up);
        var g = new ConvGeometry(n, cin, 2 * h, 2 * w, cout, 4, 4, 1, Padding2d.Same(2 * h, 2 * w, 4, 1));
        Assert.Equal(new Padding2d(1, 2, 1, 2), g.Padding);

        var yRef = new float[n * cout * 4 * h * w];
        var y = new float[yRef.Length];
        ConvReference.Forward(up, wt, b, yRef, g);
        UpsampleConvKernels.Forward(x, wt, b, y, n, cin, h, w, cout);
        TensorAssert.Close(yRef, y, 1e-5, 1e-5, "upsample-conv forward");

        var dUp = new float[up.Length];
        ConvReference.InputGrad(gy, wt, dUp, g);
        var dxRef = new float[x.Length];
        UpsampleKernels.SumPool2x2(dUp, n * cin, h, w, dxRef);
        var dx = new float[x.Length];
        UpsampleConvKernels.InputGrad(gy, wt, dx, n, cin, h, w, cout);
        TensorAssert.Close(dxRef, dx, 1e-5, 1e-5, "upsample-conv input grad");

        var dwRef = new float[wt.Length];
        ConvReference.WeightGrad(up, gy, dwRef, g);
        var dw = new float[wt.Length];
        UpsampleConvKernels.WeightGrad(x, gy, dw, n, cin, h, w, cout);
        TensorAssert.Close(dwRef, dw, 1e-5, 1e-5, "upsample-conv weight grad");
    }

    [Fact]
    public void PhaseKernel_HandComputed()
    {
        // One 4×4 kernel with taps 0..15 (row-major); phase (0, 1): rows {0},{1,2},{3} × cols {0,1},{2,3}.
        var w = Enumerable.Range(0, 16).Select(i => (float)i).ToArray();
        var p = UpsampleConvKernels.PhaseWeight(w, 1, 1, 0, 1);
        Assert.Equal([0 + 1, 2 + 3, (4 + 5) + (8 + 9), (6 + 7) + (10 + 11), 12 + 13, 14 + 15], p);
    }
}
