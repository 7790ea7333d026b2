namespace Cantus.Tensors.Autograd;

/// <summary>
/// Whether ops record the autograd graph on the current thread. Inference and optimizer
/// updates run inside <see cref="NoGrad"/> so that they build no graph and keep no
/// intermediate tensors alive.
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>True when ops on this thread record the graph (the default).</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Disables graph recording on this thread until the returned scope is disposed.</summary>
    /// <example><code>using (GradMode.NoGrad()) { var y = generator.Forward(x); }</code></example>
    public static IDisposable NoGrad()
    {
        t_disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_disabledDepth--;
        }
    }
}
