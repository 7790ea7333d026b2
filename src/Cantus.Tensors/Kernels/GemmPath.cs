namespace Cantus.Tensors.Kernels;

/// <summary>Which micro-kernel <see cref="Gemm"/> uses; tests force each available one.</summary>
internal enum GemmPath
{
    /// <summary>The widest vector path the hardware accelerates.</summary>
    Auto,
    /// <summary>Plain scalar loops over the same packed panels (fallback and oracle).</summary>
    Scalar,
    /// <summary>AVX2-class: 8 rows × 2 vectors of 8 floats.</summary>
    Vector256,
    /// <summary>AVX-512-class: 8 rows × 2 vectors of 16 floats.</summary>
    Vector512,
    /// <summary>AVX-512-class for products at most 16 columns wide: 8 rows × 1 vector of 16 floats.</summary>
    Vector512Narrow,
}
