using Cantus.Tensors.Optim;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Optim;

public sealed class AdamTests
{
    [Fact]
    public void ThreeSteps_MatchPyTorch()
    {
        var f = Fixture.Load("adam");
        var p = f["p0"];
        p.RequiresGrad = true;
        var adam = new Adam([new("p", p)], f.Meta("lr"), f.Meta("beta1"), f.Meta("beta2"), f.Meta("eps"));
        for (int i = 0; i < 3; i++)
        {
            p.Grad = f[$"g.{i}"];
            adam.Step();
        }
        TensorAssert.Close(f["p3"], p, 1e-7, 1e-6, "parameter after 3 steps");
        var state = adam.StateDict();
        TensorAssert.Close(f["exp_avg"], state["p.exp_avg"], 1e-7, 1e-6, "exp_avg");
        TensorAssert.Close(f["exp_avg_sq"], state["p.exp_avg_sq"], 1e-8, 1e-6, "exp_avg_sq");
        Assert.Equal(3f, state["step"].Item());
    }

    [Fact]
    public void FirstStep_HandComputed()
    {
        // t = 1: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g).
        var p = Tensor.FromArray([1f, 1f], 2);
        var adam = new Adam([new("p", p)], learningRate: 0.1f);
        p.Grad = Tensor.FromArray([4f, -0.5f], 2);
        adam.Step();
        Assert.Equal(0.9f, p[0], 6);
        Assert.Equal(1.1f, p[1], 6);
    }

    [Fact]
    public void SaveRestore_ContinuesIdentically()
    {
        var r = new SeededRandom(5);
        var p1 = r.Uniform(new TensorShape(5), -1, 1);
        var p2 = p1.Clone();
        var a1 = new Adam([new("w", p1)], 1e-2f, 0.5f, 0.9f);
        var grads = Enumerable.Range(0, 4).Select(_ => r.Uniform(new TensorShape(5), -1, 1)).ToArray();
        for (int i = 0; i < 2; i++) { p1.Grad = grads[i]; a1.Step(); }
        p2.CopyFrom(p1.AsReadOnlySpan());
        var a2 = new Adam([new("w", p2)], 1e-2f, 0.5f, 0.9f);
        a2.LoadStateDict(a1.StateDict());
        Assert.Equal(2, a2.StepCount);
        for (int i = 2; i < 4; i++)
        {
            p1.Grad = grads[i]; a1.Step();
            p2.Grad = grads[i]; a2.Step();
        }
        TensorAssert.BitEqual(p1.AsReadOnlySpan(), p2.AsReadOnlySpan(), "resumed Adam");
    }

    [Fact]
    public void LoadState_MissingOrMisshapen_Throws()
    {
        var adam = new Adam([new("w", Tensor.Zeros(3))]);
        var state = new Dictionary<string, Tensor>(adam.StateDict());
        state.Remove("w.exp_avg");
        Assert.Contains("w.exp_avg", Assert.Throws<InvalidDataException>(() => adam.LoadStateDict(state)).Message, StringComparison.Ordinal);
        state["w.exp_avg"] = Tensor.Zeros(4);
        Assert.Contains("shape", Assert.Throws<InvalidDataException>(() => adam.LoadStateDict(state)).Message, StringComparison.Ordinal);
    }
}
