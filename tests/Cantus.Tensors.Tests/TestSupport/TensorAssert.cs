using System.Globalization;
using System.Text;

namespace Cantus.Tensors.Tests.TestSupport;

/// <summary>Numeric comparisons that print the first values and the largest difference on failure.</summary>
internal static class TensorAssert
{
    /// <summary>|actual − expected| ≤ atol + rtol·|expected| elementwise, shapes equal.</summary>
    public static void Close(Tensor expected, Tensor actual, double atol, double rtol, string what)
    {
        Assert.True(expected.Shape.Equals(actual.Shape), $"{what}: shape {actual.Shape}, expected {expected.Shape}.");
        Close(expected.ToArray(), actual.ToArray(), atol, rtol, what);
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0;
        int worst = -1, bad = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)actual[i] - expected[i]);
            bool ok = d <= atol + rtol * Math.Abs(expected[i]) && !float.IsNaN(actual[i]);
            if (!ok) bad++;
            if (!ok && (worst < 0 || d > maxDiff || float.IsNaN(actual[i]))) { maxDiff = d; worst = i; }
        }
        if (bad == 0) return;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{what}: {bad} of {expected.Length} values differ; worst at [{worst}]: actual {actual[worst]:G9}, expected {expected[worst]:G9}, |diff| {maxDiff:G3} (atol {atol:G3}, rtol {rtol:G3}).\n first expected:");
        for (int i = 0; i < Math.Min(6, expected.Length); i++) sb.Append(CultureInfo.InvariantCulture, $" {expected[i]:G6}");
        sb.Append("\n first actual:  ");
        for (int i = 0; i < Math.Min(6, actual.Length); i++) sb.Append(CultureInfo.InvariantCulture, $" {actual[i]:G6}");
        Assert.Fail(sb.ToString());
    }

    /// <summary>Tolerance scaled to the data: atol = scale · max|expected|.</summary>
    public static void CloseRelativeToMax(Tensor expected, Tensor actual, double scale, string what)
    {
        double max = 0;
        foreach (float v in expected.AsReadOnlySpan()) max = Math.Max(max, Math.Abs(v));
        Close(expected, actual, scale * Math.Max(max, 1e-30), scale, what);
    }

    public static void BitEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: not bit-identical at [{i}]: {actual[i]:G9} vs {expected[i]:G9}."));
    }
}
