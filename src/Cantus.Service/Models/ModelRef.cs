namespace Cantus.Service.Models;

/// <summary>
/// Which model to use: one of the library's by name (what requests carry), or, for trusted local
/// callers such as the command line, a model directory on this machine.
/// </summary>
public sealed record ModelRef
{
    private ModelRef(string? name, string? directory)
    {
        Name = name;
        Directory = directory;
    }

    /// <summary>The library's model of this name (sample or custom).</summary>
    public string? Name { get; }

    /// <summary>A model directory on this machine (local callers only).</summary>
    public string? Directory { get; }

    /// <summary>The library's default model (the shipped Bach-chorale model).</summary>
    public static ModelRef Default { get; } = new(Gan.Models.ModelStore.DefaultModelName, null);

    /// <summary>A model of the library by name.</summary>
    public static ModelRef Named(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), null);

    /// <summary>A model directory on this machine.</summary>
    public static ModelRef AtPath(string directory) => new(null, directory ?? throw new ArgumentNullException(nameof(directory)));

    /// <inheritdoc/>
    public override string ToString() => Name ?? Directory!;
}
