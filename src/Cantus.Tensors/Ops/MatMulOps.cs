using Cantus.Tensors.Autograd;
using Cantus.Tensors.Kernels;

namespace Cantus.Tensors.Ops;

/// <summary>Matrix product with optional transposes: C = op(A)·op(B), through <see cref="Gemm"/>.</summary>
internal static class MatMulOps
{
    public static Tensor MatMul(Tensor a, Tensor b, bool transA, bool transB)
    {
        if (a.Rank != 2 || b.Rank != 2) throw new ArgumentException($"MatMul needs matrices; got {a.Shape} and {b.Shape}.");
        int m = transA ? a.Shape[1] : a.Shape[0], k = transA ? a.Shape[0] : a.Shape[1];
        int kb = transB ? b.Shape[1] : b.Shape[0], n = transB ? b.Shape[0] : b.Shape[1];
        if (k != kb) throw new ArgumentException($"MatMul inner dimensions differ: {a.Shape}{(transA ? "ᵀ" : "")} · {b.Shape}{(transB ? "ᵀ" : "")}.");
        var c = new Tensor(new TensorShape(m, n));
        Gemm.Multiply(transA, transB, m, n, k, a.AsReadOnlySpan(), a.Shape[1], b.AsReadOnlySpan(), b.Shape[1], c.Span, n, false, EngineSettings.ThreadCount);
        return Tape.Record(c, "matmul", [a, b], (g, needs) => Derivatives.MatMul(g, a, b, transA, transB, needs));
    }
}
