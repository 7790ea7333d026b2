using Cantus.Gan.Models;

namespace Cantus.Service.Models;

/// <summary>A model ready to compose with, and where it came from.</summary>
/// <param name="Name">Its name (library name, or the folder name of a local directory).</param>
/// <param name="Directory">Its model directory.</param>
/// <param name="Model">The networks and configuration.</param>
/// <param name="IsReadOnly">True for a sample model of the library: its model.json is not changed.</param>
public sealed record LoadedModel(string Name, string Directory, GanModel Model, bool IsReadOnly);
