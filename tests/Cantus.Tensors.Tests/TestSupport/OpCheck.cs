using Cantus.Tensors.Autograd;

namespace Cantus.Tensors.Tests.TestSupport;

/// <summary>
/// One-line op checks against a PyTorch fixture: forward output, the gradients of
/// Σ out·gout w.r.t. every input, and, when the fixture has them, the second-order terms
/// ∂/∂inputs Σ grad₀·gout2 (the double backward the gradient penalty relies on).
/// </summary>
internal static class OpCheck
{
    public static void Check(string fixture, Func<Tensor[], Tensor> op, double atol = 1e-5, double rtol = 1e-5)
    {
        var f = Fixture.Load(fixture);
        var xs = f.Inputs();
        var y = op(xs);
        TensorAssert.Close(f["out"], y, atol, rtol, $"{fixture} forward");
        bool second = f.Has("hess.0");
        var grads = Gradients.Grad([y], xs, [f["gout"]], createGraph: second);
        for (int i = 0; i < xs.Length; i++) TensorAssert.Close(f[$"grad.{i}"], grads[i], atol, rtol, $"{fixture} grad.{i}");
        if (!second) return;
        var hess = Gradients.Grad([grads[0]], xs, [f["gout2"]]);
        for (int i = 0; i < xs.Length; i++) TensorAssert.Close(f[$"hess.{i}"], hess[i], atol, rtol, $"{fixture} hess.{i}");
    }
}
