using Cantus.Tensors.Autograd;
using Cantus.Tensors.Tests.TestSupport;

namespace Cantus.Tensors.Tests.Lab;

/// <summary>
/// The whole lab generator and critic (torch_reference.py at filters 4, latent 8, 16×64
/// rolls, batch 2) against PyTorch with the same weights and inputs: outputs, running
/// statistics, parameter gradients of the generator loss, and the critic loss with its
/// WGAN-GP term and parameter gradients (through the double backward).
/// Tolerance: 1e-4 of the largest magnitude of each tensor. A dozen float32 layers with
/// different summation orders (im2col GEMM vs oneDNN) drift by ~1e-6 relative per layer;
/// batch norm over 2×(small) values amplifies that, so 1e-4 leaves margin while any wrong
/// index, padding side or missing term is off by orders of magnitude. Biases of convs that
/// feed batch norm have an exactly-zero gradient (the mean subtraction cancels them), so
/// parameter gradients also get an absolute floor of 1e-7.
/// </summary>
public sealed class LabGanTests_PyTorch
{
    private const double Tol = 1e-4;

    private static (LabGenerator G, LabCritic D, Fixture F) Load()
    {
        var f = Fixture.Load("lab_gan");
        int filters = (int)f.Meta("filters"), latent = (int)f.Meta("latent"), h = (int)f.Meta("height"), w = (int)f.Meta("width");
        var g = new LabGenerator(filters, 4, latent, new SeededRandom(1));
        var d = new LabCritic(filters, 4, h, w, new SeededRandom(2));
        g.LoadStateDict(Prefixed(f, "G."));
        d.LoadStateDict(Prefixed(f, "D."));
        return (g, d, f);
    }

    private static Dictionary<string, Tensor> Prefixed(Fixture f, string prefix) =>
        f.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k.Contains(".grad.", StringComparison.Ordinal)
                          && !k.Contains(".lossgrad.", StringComparison.Ordinal) && !k.Contains(".after.", StringComparison.Ordinal))
              .ToDictionary(k => k[prefix.Length..], k => f[k]);

    [Fact]
    public void Generator_TrainingForward_OutputsRunningStatsAndLossGradients()
    {
        var (g, d, f) = Load();
        var fake = g.Forward(f["c"], f["z"]);
        TensorAssert.CloseRelativeToMax(f["fake_train"], fake, Tol, "generator output (training)");
        foreach (var (name, t) in g.NamedBuffers().Where(b => b.Key.Contains("running", StringComparison.Ordinal)))
            TensorAssert.CloseRelativeToMax(f["G.after." + name], t, Tol, name);

        var loss = -d.Forward(fake, f["c"]).Mean();
        TensorAssert.CloseRelativeToMax(f["loss_g"], loss.Reshape(1), Tol, "generator loss");
        loss.Backward();
        foreach (var (name, p) in g.NamedParameters())
        {
            Assert.NotNull(p.Grad);
            TensorAssert.Close(f["G.lossgrad." + name], p.Grad!, Math.Max(1e-7, Tol * MaxAbs(f["G.lossgrad." + name])), Tol, "dLoss/d" + name);
        }
    }

    private static double MaxAbs(Tensor t)
    {
        double m = 0;
        foreach (float v in t.AsReadOnlySpan()) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    [Fact]
    public void Generator_EvalForward_UsesRunningStatistics()
    {
        var (g, _, f) = Load();
        g.Forward(f["c"], f["z"]); // as the fixture: one training forward moves the running statistics first
        g.Eval();
        using (GradMode.NoGrad())
        {
            var fake = g.Forward(f["c"], f["z"]);
            Assert.Null(fake.Node);
            TensorAssert.CloseRelativeToMax(f["fake_eval"], fake, Tol, "generator output (eval)");
        }
    }

    [Fact]
    public void Critic_LossWithGradientPenalty_ValuesAndParameterGradients()
    {
        var (_, d, f) = Load();
        Tensor real = f["real"], c = f["c"], fake = f["fake_eval"], eps = f["eps"];
        TensorAssert.CloseRelativeToMax(f["d_real"], d.Forward(real, c), Tol, "critic(real)");

        var loss = d.Forward(fake, c).Mean() - d.Forward(real, c).Mean();
        var inter = (eps * real + (1f - eps) * fake).Detach();
        inter.RequiresGrad = true;
        var grad = Gradients.Grad(d.Forward(inter, c).Sum(), inter, createGraph: true);
        TensorAssert.CloseRelativeToMax(f["input_grad"], grad, Tol, "dCritic/dinput");
        var gp = ((grad.Flatten(1).Pow(2).Sum([1]) + 1e-8f).Sqrt() - 1f).Pow(2).Mean() * 10f;
        TensorAssert.CloseRelativeToMax(f["loss_d"], loss.Reshape(1), Tol, "critic loss");
        TensorAssert.CloseRelativeToMax(f["gp"], gp.Reshape(1), Tol, "gradient penalty");

        (loss + gp).Backward();
        foreach (var (name, p) in d.NamedParameters())
            TensorAssert.CloseRelativeToMax(f["D.grad." + name], p.Grad!, Tol, "d(loss+gp)/d" + name);
    }
}
