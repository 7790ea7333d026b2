namespace Cantus.Tensors.Autograd;

/// <summary>
/// Reverse-mode automatic differentiation over the graph recorded by ops (like
/// <c>torch.autograd.grad</c> and <c>Tensor.backward</c>).
/// </summary>
public static class Gradients
{
    /// <summary>
    /// Gradients of <c>Σᵢ ⟨outputs[i], gradOutputs[i]⟩</c> with respect to each input
    /// (gradOutputs default to ones). With <paramref name="createGraph"/> the results carry
    /// their own graph and may be differentiated again (e.g. a gradient penalty); without
    /// it they are plain tensors (inside an enclosing <see cref="GradMode.NoGrad"/> scope they
    /// are always plain). An input that does not influence the outputs gets zeros.
    /// </summary>
    /// <exception cref="ArgumentException">Counts or shapes of outputs and gradOutputs differ.</exception>
    public static Tensor[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor>? gradOutputs = null, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
            throw new ArgumentException($"{gradOutputs.Count} output gradients for {outputs.Count} outputs.", nameof(gradOutputs));

        using var scope = createGraph ? null : GradMode.NoGrad();
        var inputSet = new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);
        var order = TopologicalOrder(outputs);
        var relevant = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var t in order)
        {
            if (inputSet.Contains(t) || (t.Node is { } n && n.Inputs.Any(relevant.Contains))) relevant.Add(t);
        }

        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < outputs.Count; i++)
        {
            var seed = gradOutputs?[i] ?? Tensor.Full(1f, outputs[i].Shape.Dimensions);
            if (!seed.Shape.Equals(outputs[i].Shape))
                throw new ArgumentException($"Output gradient {i} has shape {seed.Shape}; output has {outputs[i].Shape}.", nameof(gradOutputs));
            Accumulate(grads, outputs[i], seed);
        }

        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (t.Node is not { } node || !relevant.Contains(t) || !grads.TryGetValue(t, out var g)) continue;
            var needs = new bool[node.Inputs.Length];
            bool any = false;
            for (int j = 0; j < needs.Length; j++) any |= needs[j] = relevant.Contains(node.Inputs[j]);
            if (!any) continue;
            if (OpProfiler.Enabled) OpProfiler.Mark();
            var inputGrads = node.Backward(g, needs);
            if (OpProfiler.Enabled) OpProfiler.Charge("∇" + node.Op);
            if (!inputSet.Contains(t)) grads.Remove(t); // frees memory as we go
            for (int j = 0; j < needs.Length; j++)
            {
                if (!needs[j]) continue;
                var gi = inputGrads[j] ?? throw new InvalidOperationException($"Backward of '{node.Op}' returned no gradient for input {j}.");
                if (!gi.Shape.Equals(node.Inputs[j].Shape))
                    throw new InvalidOperationException($"Backward of '{node.Op}' returned shape {gi.Shape} for input {j} of shape {node.Inputs[j].Shape}.");
                Accumulate(grads, node.Inputs[j], gi);
            }
        }

        var result = new Tensor[inputs.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = grads.TryGetValue(inputs[i], out var g) ? g : Tensor.Zeros(inputs[i].Shape);
        return result;
    }

    /// <summary>Gradient of a single output with respect to a single input.</summary>
    public static Tensor Grad(Tensor output, Tensor input, bool createGraph = false) =>
        Grad([output], [input], null, createGraph)[0];

    /// <summary>
    /// Adds d(loss)/d(leaf) into <see cref="Tensor.Grad"/> of every leaf that requires
    /// grad and is reachable from <paramref name="loss"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss is not a one-element tensor with a graph.</exception>
    public static void Backward(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Count != 1) throw new InvalidOperationException($"Backward() needs a one-element loss; shape is {loss.Shape}.");
        if (loss.Node is null) throw new InvalidOperationException("Backward() on a tensor with no graph: no input requires grad, or it was computed under NoGrad.");
        var leaves = TopologicalOrder([loss]).Where(t => t.IsLeaf && t.RequiresGrad).ToList();
        var grads = Grad([loss], leaves);
        using var scope = GradMode.NoGrad();
        for (int i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            if (leaf.Grad is null) leaf.Grad = grads[i].Clone();
            else System.Numerics.Tensors.TensorPrimitives.Add(leaf.Grad.AsReadOnlySpan(), grads[i].AsReadOnlySpan(), leaf.Grad.Span);
        }
    }

    private static void Accumulate(Dictionary<Tensor, Tensor> grads, Tensor t, Tensor g)
    {
        grads[t] = grads.TryGetValue(t, out var existing) ? existing + g : g;
    }

    /// <summary>Tensors reachable from the outputs, each after all of its inputs (post-order).</summary>
    internal static List<Tensor> TopologicalOrder(IReadOnlyList<Tensor> outputs)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor T, int Next)>();
        foreach (var root in outputs)
        {
            if (!visited.Add(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (t, next) = stack.Pop();
                var inputs = t.Node?.Inputs ?? [];
                if (next < inputs.Length)
                {
                    stack.Push((t, next + 1));
                    if (visited.Add(inputs[next])) stack.Push((inputs[next], 0));
                }
                else order.Add(t);
            }
        }
        return order;
    }
}
