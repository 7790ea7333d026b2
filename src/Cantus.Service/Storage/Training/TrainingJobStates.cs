namespace Cantus.Service.Storage.Training;

/// <summary>The state machine of training jobs: which moves are legal, and the states' stored names.</summary>
public static class TrainingJobStates
{
    private static readonly Dictionary<TrainingJobState, TrainingJobState[]> Moves = new()
    {
        [TrainingJobState.Queued] = [TrainingJobState.Preparing, TrainingJobState.Canceled],
        [TrainingJobState.Preparing] = [TrainingJobState.Training, TrainingJobState.Failed, TrainingJobState.Canceled],
        [TrainingJobState.Training] = [TrainingJobState.Evaluating, TrainingJobState.Failed, TrainingJobState.Canceled],
        [TrainingJobState.Evaluating] = [TrainingJobState.Completed, TrainingJobState.Failed, TrainingJobState.Canceled],
        [TrainingJobState.Completed] = [],
        [TrainingJobState.Failed] = [TrainingJobState.Queued],
        [TrainingJobState.Canceled] = [TrainingJobState.Queued],
    };

    /// <summary>The states of a job that is not finished: queued or running.</summary>
    public static IReadOnlyList<TrainingJobState> Unfinished { get; } =
        [TrainingJobState.Queued, TrainingJobState.Preparing, TrainingJobState.Training, TrainingJobState.Evaluating];

    /// <summary>True when a job in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(TrainingJobState from, TrainingJobState to) => Moves[from].Contains(to);

    /// <summary>The states from which a job may move to <paramref name="to"/>.</summary>
    public static IReadOnlyList<TrainingJobState> From(TrainingJobState to) =>
        Moves.Where(m => m.Value.Contains(to)).Select(m => m.Key).ToArray();

    /// <summary>True for completed, failed and canceled: no run works on the job.</summary>
    public static bool IsFinished(TrainingJobState state) =>
        state is TrainingJobState.Completed or TrainingJobState.Failed or TrainingJobState.Canceled;

    /// <summary>The stored (and wire) name: <c>queued</c>, <c>preparing</c>, ….</summary>
    public static string Name(TrainingJobState state) => state switch
    {
        TrainingJobState.Queued => "queued",
        TrainingJobState.Preparing => "preparing",
        TrainingJobState.Training => "training",
        TrainingJobState.Evaluating => "evaluating",
        TrainingJobState.Completed => "completed",
        TrainingJobState.Failed => "failed",
        TrainingJobState.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a training job state."),
    };

    /// <summary>A SQL list of stored names, <c>('queued', 'failed')</c>, for states known at compile time.</summary>
    internal static string SqlList(IEnumerable<TrainingJobState> states) =>
        "(" + string.Join(", ", states.Select(s => "'" + Name(s) + "'")) + ")";
}
