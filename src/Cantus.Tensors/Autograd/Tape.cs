namespace Cantus.Tensors.Autograd;

/// <summary>Attaches graph nodes to op results when recording is on and an input needs grad.</summary>
internal static class Tape
{
    public static Tensor Record(Tensor result, string op, Tensor[] inputs, BackwardRule backward)
    {
        if (OpProfiler.Enabled) OpProfiler.Charge(op);
        if (!GradMode.IsEnabled) return result;
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                result.Node = new Node(op, inputs, backward);
                return result;
            }
        }
        return result;
    }
}
