using Cantus.Tensors.Diagnostics;

namespace Cantus.Tensors.Tests.Diagnostics;

/// <summary>Smoke tests only: the benchmarks run and report positive, finite rates (speed is measured by cantus bench).</summary>
public sealed class TensorBenchTests
{
    [Fact]
    public void Gemm_ReportsPositiveRate() => Assert.InRange(TensorBench.GemmGflops(96, 1, 1), 1e-3, 1e6);

    [Fact]
    public void FmaPeak_ReportsPositiveRate() => Assert.InRange(TensorBench.FmaPeakGflops(1, 1), 1e-3, 1e6);

    [Fact]
    public void BadArguments_Throw() => Assert.Throws<ArgumentOutOfRangeException>(() => TensorBench.GemmGflops(0, 1));
}
