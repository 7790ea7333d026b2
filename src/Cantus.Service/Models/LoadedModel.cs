using Cantus.Gan.Models;

namespace Cantus.Service.Models;

/// <summary>A model ready to compose with, and where it came from.</summary>
/// <param name="Name">Its name (library name, or the folder name of a local directory).</param>
/// <param name="Id">Its id in the store (null for a model directory named by path).</param>
/// <param name="Directory">Its model directory (sample models and local directories), else null (stored models).</param>
/// <param name="Model">The networks and configuration.</param>
/// <param name="IsReadOnly">True for a sample model of the library: it is not changed.</param>
public sealed record LoadedModel(string Name, string? Id, string? Directory, GanModel Model, bool IsReadOnly)
{
    /// <summary>
    /// Serialises use of the networks: one forward pass at a time per loaded model (each already
    /// uses every core). Compose requests take it per batch, in the model's
    /// <see cref="Composing.ComposeBatcher"/> loop (requests that arrive together share a pass);
    /// evaluations take it for their whole run.
    /// </summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);
}
