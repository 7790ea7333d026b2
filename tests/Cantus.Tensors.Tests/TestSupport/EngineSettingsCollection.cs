namespace Cantus.Tensors.Tests.TestSupport;

/// <summary>
/// Tests that change the process-wide <see cref="EngineSettings.ThreadCount"/> run alone,
/// so that no other test sees the setting change under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineSettingsCollection
{
    public const string Name = "EngineSettings";
}
