using Cantus.Tensors.Nn;
using Cantus.Tensors.Tests.Lab;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Nn;

public sealed class ModuleTests
{
    [Fact]
    public void StateDict_UsesPyTorchNames()
    {
        var g = new LabGenerator(4, 4, 8, new SeededRandom(1));
        var keys = g.StateDict().Keys.ToHashSet();
        Assert.Contains("d2.conv.weight", keys);
        Assert.Contains("d2.conv.bias", keys);
        Assert.Contains("b2.running_mean", keys);
        Assert.Contains("b2.running_var", keys);
        Assert.Contains("b2.num_batches_tracked", keys);
        Assert.Contains("out.conv.weight", keys);
        Assert.Equal(new TensorShape(8, 4, 4, 4), g.StateDict()["d2.conv.weight"].Shape); // (out, in, kh, kw)
        var fixture = Fixture.Load("lab_gan");
        var torchKeys = fixture.Keys.Where(k => k.StartsWith("G.", StringComparison.Ordinal) && !k.Contains("grad.", StringComparison.Ordinal) && !k.Contains("after.", StringComparison.Ordinal))
            .Select(k => k[2..]).ToHashSet();
        Assert.Equal(torchKeys.Order(), keys.Order());
    }

    [Fact]
    public void Parameters_RequireGrad_BuffersDoNot()
    {
        var bn = new BatchNorm2d(3);
        Assert.All(bn.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.All(bn.NamedBuffers(), b => Assert.False(b.Value.RequiresGrad));
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Key));
    }

    [Fact]
    public void LoadStateDict_StrictErrorsNameTheEntries()
    {
        var d = new Dense(3, 2, new SeededRandom(1));
        var state = new Dictionary<string, Tensor> { ["weight"] = Tensor.Zeros(2, 3), ["extra"] = Tensor.Zeros(1) };
        var ex = Assert.Throws<InvalidDataException>(() => d.LoadStateDict(state));
        Assert.Contains("missing [bias]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected [extra]", ex.Message, StringComparison.Ordinal);
        state.Remove("extra");
        d.LoadStateDict(state, strict: false);
        Assert.All(d.Weight.ToArray(), v => Assert.Equal(0f, v));
        state["bias"] = Tensor.Zeros(3);
        Assert.Contains("'bias'", Assert.Throws<InvalidDataException>(() => d.LoadStateDict(state)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainEval_Propagates()
    {
        var g = new LabGenerator(2, 4, 2, new SeededRandom(1));
        g.Eval();
        Assert.False(g.Training);
        g.Train();
        Assert.True(g.Training);
    }

    [Fact]
    public void BatchNorm_MatchesPyTorch_TrainGradsRunningStatsEval()
    {
        var f = Fixture.Load("batchnorm");
        var xs = f.Inputs();
        Tensor rm = f["running_mean"], rv = f["running_var"];
        var y = Functional.BatchNorm2d(xs[0], xs[1], xs[2], rm, rv, true, f.Meta("momentum"), f.Meta("eps"));
        TensorAssert.Close(f["out"], y, 1e-5, 1e-5, "bn train forward");
        var grads = Cantus.Tensors.Autograd.Gradients.Grad([y], xs, [f["gout"]]);
        for (int i = 0; i < 3; i++) TensorAssert.Close(f[$"grad.{i}"], grads[i], 1e-5, 1e-4, $"bn grad.{i}");
        TensorAssert.Close(f["running_mean_after"], rm, 1e-6, 1e-5, "running mean");
        TensorAssert.Close(f["running_var_after"], rv, 1e-6, 1e-5, "running var (unbiased)");
        var ye = Functional.BatchNorm2d(xs[0], xs[1], xs[2], rm, rv, false, 0.2f, 1e-5f); // with graph: composed
        TensorAssert.Close(f["out_eval"], ye, 1e-5, 1e-5, "bn eval forward (composed)");
        using (Cantus.Tensors.Autograd.GradMode.NoGrad())
            TensorAssert.Close(f["out_eval"], Functional.BatchNorm2d(xs[0], xs[1], xs[2], rm, rv, false, 0.2f, 1e-5f), 1e-5, 1e-5, "bn eval forward (fused)");
    }

    [Fact]
    public void BatchNorm_DifferentiableGradient_UsesComposedRule_SameValues()
    {
        var f = Fixture.Load("batchnorm");
        var xs = f.Inputs();
        var y = Functional.BatchNorm2d(xs[0], xs[1], xs[2], f["running_mean"], f["running_var"], true, 0.2f, 1e-5f);
        var grads = Cantus.Tensors.Autograd.Gradients.Grad([y], xs, [f["gout"]], createGraph: true);
        Assert.NotNull(grads[0].Node); // differentiable
        for (int i = 0; i < 3; i++) TensorAssert.Close(f[$"grad.{i}"], grads[i], 1e-5, 1e-4, $"bn grad.{i} (createGraph)");
    }

    [Fact]
    public void Conv2dModule_SamePadding_KeepsCeilSize()
    {
        var conv = new Conv2d(1, 2, 4, 2, null, new SeededRandom(3));
        var y = conv.Forward(Tensor.Zeros(1, 1, 32, 128));
        Assert.Equal(new TensorShape(1, 2, 16, 64), y.Shape);
        // Zero input: every output equals its channel's bias.
        Assert.Equal(conv.Bias[1], y[0, 1, 7, 9]);
    }
}
