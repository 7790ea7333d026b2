using System.Diagnostics;
using Cantus.Gan.Training;
using Cantus.Service.Storage;

namespace Cantus.Service.Jobs;

/// <summary>Writes a running job's iteration and ETA to its row, at most once per interval and at every checkpoint (fenced).</summary>
internal sealed class JobProgressWriter : IProgress<TrainingProgress>
{
    private readonly CantusStore _store;
    private readonly string _jobId;
    private readonly string _fence;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _since = new();

    public JobProgressWriter(CantusStore store, string jobId, string fence, TimeSpan interval)
    {
        _store = store;
        _jobId = jobId;
        _fence = fence;
        _interval = interval;
    }

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_since.IsRunning && _since.Elapsed < _interval && value.Checkpoint is null && value.Iteration < value.Iterations) return;
        ReportNowAsync(value.Iteration, (int)Math.Min(int.MaxValue, value.Eta.TotalSeconds), (int)value.Iterations).GetAwaiter().GetResult();
    }

    public async Task ReportNowAsync(long iteration, int? etaSeconds, int? iterations = null)
    {
        _since.Restart();
        await _store.TrainingRuns.ReportProgressAsync(_jobId, _fence, (int)iteration, etaSeconds, iterations).ConfigureAwait(false);
    }
}
