using Cantus.Tensors.Kernels;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Kernels;

/// <summary>Vectorised elementwise kernels against their scalar loops at every length 0…256 (all SIMD tails).</summary>
public sealed class ElementKernelTests
{
    [Fact]
    public void LeakyRelu_VectorMatchesScalar_AllLengths()
    {
        var r = new SeededRandom(3);
        for (int n = 0; n <= 256; n++)
        {
            var x = new float[n];
            for (int i = 0; i < n; i++) x[i] = r.NextUniform(-2, 2);
            if (n > 3) x[2] = 0f; // the kink itself
            var fast = new float[n];
            var slow = new float[n];
            ActivationKernels.LeakyRelu(x, 0.2f, fast);
            ActivationKernels.LeakyReluScalar(x, 0.2f, slow);
            TensorAssert.BitEqual(slow, fast, $"leaky relu length {n}");
            var g = new float[n];
            for (int i = 0; i < n; i++) g[i] = r.NextUniform(-2, 2);
            ActivationKernels.LeakyReluBackward(g, x, 0.2f, fast);
            ActivationKernels.LeakyReluBackwardScalar(g, x, 0.2f, slow);
            TensorAssert.BitEqual(slow, fast, $"leaky relu backward length {n}");
        }
    }

    [Fact]
    public void LeakyReluBackward_HandComputed_KinkTakesSlope()
    {
        var dx = new float[3];
        ActivationKernels.LeakyReluBackward([10f, 10f, 10f], [1f, 0f, -1f], 0.2f, dx);
        Assert.Equal([10f, 2f, 2f], dx);
    }

    [Fact]
    public void LeakyRelu_InPlace()
    {
        float[] x = [-1f, 2f, -3f];
        ActivationKernels.LeakyRelu(x, 0.5f, x);
        Assert.Equal([-0.5f, 2f, -1.5f], x);
    }

    [Fact]
    public void Upsample_HandComputed_AndAdjoint()
    {
        float[] x = [1, 2, 3, 4, 5, 6]; // one 2×3 plane
        var y = new float[24];
        UpsampleKernels.Nearest2x(x, 1, 2, 3, y);
        Assert.Equal([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 4, 5, 5, 6, 6], y);
        var back = new float[6];
        UpsampleKernels.SumPool2x2(y, 1, 2, 3, back);
        Assert.Equal([4, 8, 12, 16, 20, 24], back);
    }

    [Fact]
    public void Broadcast_ExpandAndSumTo_HandComputed()
    {
        // (2, 1) → (2, 3): rows repeated; summing back gives 3× each.
        var dst = new float[6];
        BroadcastKernels.Expand([1f, 2f], new TensorShape(2, 1), new TensorShape(2, 3), dst);
        Assert.Equal([1, 1, 1, 2, 2, 2], dst);
        var sums = new float[3];
        // (2, 3) summed to (3): column sums of [1 2 3; 4 5 6] = 5 7 9.
        BroadcastKernels.SumTo([1, 2, 3, 4, 5, 6], new TensorShape(2, 3), new TensorShape(3), sums);
        Assert.Equal([5, 7, 9], sums);
        var perChannel = new float[2];
        // (2, 2, 2) summed to (1, 2, 1): per middle index.
        BroadcastKernels.SumTo([1, 2, 3, 4, 5, 6, 7, 8], new TensorShape(2, 2, 2), new TensorShape(1, 2, 1), perChannel);
        Assert.Equal([1 + 2 + 5 + 6, 3 + 4 + 7 + 8], perChannel);
    }
}
