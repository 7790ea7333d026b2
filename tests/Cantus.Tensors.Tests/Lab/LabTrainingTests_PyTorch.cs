using Cantus.Tensors.Autograd;
using Cantus.Tensors.Optim;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>
/// End to end against PyTorch: two WGAN-GP critic steps and one generator step with
/// Adam(1e-3, β = (0.5, 0.9)) exactly as torch_reference.py (filters 4, latent 8, 16×64,
/// batch 2). Every parameter and running statistic afterwards must agree. This also proves
/// that no stale packed weight survives an optimizer step. Tolerance: 2e-5 absolute plus
/// 1e-3 relative — Adam's first steps move each weight by about lr·sign(g), so a gradient
/// differing in the last bits changes a weight by far less than that.
/// </summary>
public sealed class LabTrainingTests_PyTorch
{
    [Fact]
    public void TwoCriticStepsAndOneGeneratorStep_MatchPyTorch()
    {
        var f = Fixture.Load("lab_train");
        var g = new LabGenerator(4, 4, 8, new SeededRandom(1));
        var d = new LabCritic(4, 4, 16, 64, new SeededRandom(2));
        g.LoadStateDict(Select(f, "G."));
        d.LoadStateDict(Select(f, "D."));
        var og = new Adam(g.NamedParameters(), 1e-3f, 0.5f, 0.9f);
        var od = new Adam(d.NamedParameters(), 1e-3f, 0.5f, 0.9f);
        Tensor real = f["real"], c = f["c"];
        for (int k = 0; k < 2; k++)
        {
            g.Eval();
            Tensor fake;
            using (GradMode.NoGrad()) fake = g.Forward(c, f[$"z.{k}"]);
            g.Train();
            var loss = d.Forward(fake, c).Mean() - d.Forward(real, c).Mean();
            var eps = f[$"eps.{k}"];
            var inter = (eps * real + (1f - eps) * fake).Detach();
            inter.RequiresGrad = true;
            var grad = Gradients.Grad(d.Forward(inter, c).Sum(), inter, createGraph: true);
            var gp = ((grad.Flatten(1).Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f;
            od.ZeroGrad();
            (loss + gp).Backward();
            od.Step();
        }
        var lossG = -d.Forward(g.Forward(c, f["z.2"]), c).Mean();
        og.ZeroGrad();
        lossG.Backward();
        og.Step();

        foreach (var (name, t) in g.StateDict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)))
        {
            // Biases of convs that feed batch norm have an exactly-zero true gradient; Adam
            // normalises the rounding noise left in it to steps of up to lr, so for those only
            // "moved by at most one step" can be checked.
            bool feedsBatchNorm = name is "d2.conv.bias" or "d3.conv.bias" or "d4.conv.bias" or "u4.conv.bias" or "u5.conv.bias" or "u6.conv.bias";
            TensorAssert.Close(f["after.G." + name], t, feedsBatchNorm ? 2e-3 : 2e-5, 1e-3, "G." + name);
        }
        foreach (var (name, t) in d.StateDict())
            TensorAssert.Close(f["after.D." + name], t, 2e-5, 1e-3, "D." + name);
        Assert.Equal(f["after.G.b2.num_batches_tracked"].Item(), g.StateDict()["b2.num_batches_tracked"].Item());
    }

    private static Dictionary<string, Tensor> Select(Fixture f, string prefix) =>
        f.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(k => k[prefix.Length..], k => f[k]);
}
