namespace Cantus.Gan.Training;

/// <summary>A stored checkpoint of a run.</summary>
/// <param name="Iteration">Iterations completed when it was written.</param>
/// <param name="Location">Where it is (a file path, a blob id), for messages.</param>
/// <param name="Open">Opens its bytes (safetensors) for reading.</param>
public sealed record RunCheckpoint(long Iteration, string Location, Func<Stream> Open);
