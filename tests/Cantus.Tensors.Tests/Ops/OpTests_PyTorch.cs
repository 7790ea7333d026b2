using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Ops;

/// <summary>
/// Every op against PyTorch 1.13 (fixtures from ReferenceData/make_fixtures.py). Tolerance
/// 1e-5 absolute + 1e-5 relative: float32 results that differ only by summation order or
/// by a few ulp in exp/tanh/log.
/// </summary>
public sealed class OpTests_PyTorch
{
    [Fact] public void Add_Broadcast() => OpCheck.Check("add", x => x[0] + x[1]);

    [Fact] public void Sub_Broadcast() => OpCheck.Check("sub", x => x[0] - x[1]);

    [Fact] public void Mul_BroadcastPerSample() => OpCheck.Check("mul", x => x[0] * x[1]);

    [Fact] public void Div_Broadcast() => OpCheck.Check("div", x => x[0] / x[1]);

    [Fact] public void Neg() => OpCheck.Check("neg", x => -x[0]);

    [Fact] public void Square() => OpCheck.Check("square", x => x[0].Pow(2));

    [Fact] public void Pow3() => OpCheck.Check("pow3", x => x[0].Pow(3));

    [Fact] public void PowHalf() => OpCheck.Check("pow_half", x => x[0].Pow(0.5f));

    [Fact] public void Sqrt() => OpCheck.Check("sqrt", x => x[0].Sqrt());

    [Fact] public void Exp() => OpCheck.Check("exp", x => x[0].Exp());

    [Fact] public void Log() => OpCheck.Check("log", x => x[0].Log());

    [Fact] public void Tanh() => OpCheck.Check("tanh", x => x[0].Tanh());

    [Fact] public void Sigmoid() => OpCheck.Check("sigmoid", x => x[0].Sigmoid());

    [Fact] public void Relu() => OpCheck.Check("relu", x => x[0].Relu());

    [Fact] public void LeakyRelu() => OpCheck.Check("leaky_relu", x => x[0].LeakyRelu(0.2f));

    [Fact] public void AddScalar() => OpCheck.Check("add_scalar", x => x[0] + 1e-8f);

    [Fact] public void MulScalar() => OpCheck.Check("mul_scalar", x => x[0] * 10f);

    [Fact] public void SumAll() => OpCheck.Check("sum_all", x => x[0].Sum());

    [Fact] public void SumOverBatchAndSpace() => OpCheck.Check("sum_023", x => x[0].Sum([0, 2, 3]));

    [Fact] public void MeanKeepDims() => OpCheck.Check("mean_1_keep", x => x[0].Mean([1], keepDims: true));

    [Fact] public void MeanAll() => OpCheck.Check("mean_all", x => x[0].Mean());

    [Fact] public void SumAxis1() => OpCheck.Check("sum_1", x => x[0].Sum([1]));

    [Fact] public void ConcatChannels() => OpCheck.Check("concat", x => Tensor.Concat([x[0], x[1]]));

    [Fact] public void Flatten() => OpCheck.Check("flatten", x => x[0].Flatten(1));

    [Fact] public void Narrow() => OpCheck.Check("narrow", x => x[0].SliceChannels(1, 2));

    [Fact] public void UpsampleNearest2x() => OpCheck.Check("upsample", x => Functional.UpsampleNearest2x(x[0]));

    [Fact] public void MatMul() => OpCheck.Check("matmul", x => x[0].MatMul(x[1]));

    [Fact] public void Linear() => OpCheck.Check("linear", x => Functional.Linear(x[0], x[1], x[2]));

    [Theory]
    [InlineData("conv_s2_same")]
    [InlineData("conv_s1_same")]
    [InlineData("conv_s2_same_even")]
    [InlineData("conv_3x3_s1")]
    public void Conv2d_TensorFlowSame(string fixture)
    {
        var f = Fixture.Load(fixture);
        int k = (int)f.Meta("kernel"), s = (int)f.Meta("stride");
        OpCheck.Check(fixture, x => Functional.Conv2d(x[0], x[1], x[2], s, Padding2d.Same(x[0].Shape[2], x[0].Shape[3], k, s)), 2e-5, 2e-5);
    }

    [Fact]
    public void UpsampleConv2d_PhaseDecomposed() =>
        OpCheck.Check("upconv", x => Functional.UpsampleConv2d(x[0], x[1], x[2]), 2e-5, 2e-5);

    [Fact]
    public void GradientPenaltyFormula() =>
        OpCheck.Check("gp_formula", x => ((x[0].Flatten(1).Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f);
}
