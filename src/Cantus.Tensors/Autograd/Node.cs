namespace Cantus.Tensors.Autograd;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output. Entries for
/// inputs whose <paramref name="needsGrad"/> flag is false may be null. Rules are written
/// with tensor ops, so under <c>createGraph</c> they are themselves differentiable.
/// </summary>
internal delegate Tensor?[] BackwardRule(Tensor gradOutput, bool[] needsGrad);

/// <summary>One recorded op: its name (for diagnostics), inputs and backward rule.</summary>
internal sealed class Node(string op, Tensor[] inputs, BackwardRule backward)
{
    public string Op { get; } = op;

    public Tensor[] Inputs { get; } = inputs;

    public BackwardRule Backward { get; } = backward;

    public override string ToString() => Op;
}
