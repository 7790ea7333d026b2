namespace Cantus.Service.Training;

/// <summary>How long a training job would take on this server.</summary>
/// <param name="Seconds">The whole run, in seconds.</param>
/// <param name="SecondsPerIteration">One iteration (critic steps and a generator step at the batch size), in seconds.</param>
/// <param name="Iterations">The iterations the job would make (from <c>epochs</c> when given: the dataset's windows are counted).</param>
/// <param name="Basis">How the figures were obtained: "previous runs" (completed jobs of the same architecture, batch size and critic steps) or "measured" (training iterations timed on this server now, or earlier while it runs).</param>
/// <param name="Detail">The same in a sentence: what was timed or averaged, and what is not included.</param>
public sealed record TrainingEstimate(double Seconds, double SecondsPerIteration, int Iterations, string Basis, string Detail);
