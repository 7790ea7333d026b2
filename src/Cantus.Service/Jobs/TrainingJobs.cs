using System.Text.Json;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;
using Quartz;

namespace Cantus.Service.Jobs;

/// <summary>
/// The training-jobs use case: submit (the job's row and its Quartz job commit in one
/// transaction), list, get, cancel (a flag the run watches), resume a canceled
/// or failed job from its last checkpoint, delete, and read the time series a run writes.
/// </summary>
public sealed class TrainingJobs
{
    private readonly CantusStore _store;
    private readonly ModelLibrary _models;
    private readonly DatasetLibrary _datasets;
    private readonly ISchedulerFactory _schedulers;
    private readonly JobSettings _settings;

    /// <summary>Creates the use case.</summary>
    public TrainingJobs(CantusStore store, ModelLibrary models, DatasetLibrary datasets, ISchedulerFactory schedulers, JobSettings settings)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        _schedulers = schedulers ?? throw new ArgumentNullException(nameof(schedulers));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <summary>Validates and queues a training job.</summary>
    /// <exception cref="CantusException">InvalidOptions (a field, named); NotFound (base model); Conflict (dataset not there yet, too many active jobs).</exception>
    public async Task<TrainingJobView> SubmitAsync(string ownerId, TrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (baseModel, options, architecture) = await JobRecipe.ResolveAsync(_models, ownerId, request, cancellationToken).ConfigureAwait(false);
        if (!await _datasets.ExistsAsync(ownerId, options.Dataset, cancellationToken).ConfigureAwait(false)) throw JobRecipe.DatasetMissing(options.Dataset);
        var active = (await _store.TrainingJobs.ListAsync(ownerId, new Page(0, Page.MaxLimit), cancellationToken: cancellationToken).ConfigureAwait(false))
            .Count(j => !TrainingJobStates.IsFinished(j.State));
        if (active >= _settings.MaxActiveJobsPerUser)
            throw CantusException.Conflict($"You already have {active} queued or running training jobs, the limit; wait for one to end or cancel one.");
        var dataset = await _datasets.RecordOfAsync(ownerId, options.Dataset, cancellationToken).ConfigureAwait(false);
        var name = request.Name ?? $"{options.Dataset}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}";
        var iterations = options.Epochs is null ? options.Iterations : 1; // epochs become iterations when the data is loaded
        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await using var tx = await _store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var job = await _store.TrainingJobs.CreateAsync(new TrainingJobRecord
        {
            OwnerId = ownerId,
            Name = name,
            BaseModelId = baseModel?.Id,
            DatasetId = dataset.Id,
            Tags = JsonSerializer.Serialize(options.Tags, JobJson.Options),
            Hyperparameters = JsonSerializer.Serialize(options, JobJson.Options),
            Architecture = JsonSerializer.Serialize(architecture, JobJson.Options),
            Iterations = iterations,
        }, tx.Transaction, cancellationToken).ConfigureAwait(false);
        using (scheduler.EnlistTransaction(tx.Transaction))
        {
            await EnqueueAsync(scheduler, job.Id, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await ViewAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner's jobs, newest first.</summary>
    public async Task<IReadOnlyList<TrainingJobView>> ListAsync(string ownerId, Page? page = null, CancellationToken cancellationToken = default)
    {
        var rows = await _store.TrainingJobs.ListAsync(ownerId, page, cancellationToken: cancellationToken).ConfigureAwait(false);
        var views = new List<TrainingJobView>(rows.Count);
        foreach (var row in rows) views.Add(await ViewAsync(row, cancellationToken).ConfigureAwait(false));
        return views;
    }

    /// <summary>The owner's job.</summary>
    /// <exception cref="CantusException">NotFound (also for another user's id).</exception>
    public async Task<TrainingJobView> GetAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        await ViewAsync(await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The row of the owner's job (state, progress, fence): what the event stream polls.</summary>
    public async Task<TrainingJobRecord> RowAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        await _store.TrainingJobs.GetAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false)
        ?? throw CantusException.NotFound($"There is no training job '{id}'.");

    /// <summary>Cancels the job: a queued job ends at once; a running one stops after its current iteration with a checkpoint.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: it has already completed or failed.</exception>
    public async Task<TrainingJobView> CancelAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        TrainingJobRecord? row;
        try
        {
            row = await _store.TrainingJobs.RequestCancelAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict(ex.Message);
        }
        if (row is null) throw CantusException.NotFound($"There is no training job '{id}'.");
        // The running job sees the flag at its next poll (every second), on whichever node runs it.
        return await ViewAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a canceled or failed job again; it resumes from its last checkpoint.</summary>
    /// <exception cref="CantusException">NotFound; Conflict: any other state.</exception>
    public async Task<TrainingJobView> ResumeAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await using var tx = await _store.BeginAsync(cancellationToken).ConfigureAwait(false);
        TrainingJobRecord? row;
        try
        {
            row = await _store.TrainingJobs.ResumeAsync(ownerId, id, tx.Transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict(ex.Message);
        }
        if (row is null) throw CantusException.NotFound($"There is no training job '{id}'.");
        using (scheduler.EnlistTransaction(tx.Transaction))
        {
            await EnqueueAsync(scheduler, id, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await ViewAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an ended job with its time series (its model stays).</summary>
    /// <exception cref="CantusException">NotFound; Conflict: queued or running (cancel it first).</exception>
    public async Task DeleteAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        bool deleted;
        try
        {
            deleted = await _store.TrainingJobs.DeleteAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict(ex.Message);
        }
        if (!deleted) throw CantusException.NotFound($"There is no training job '{id}'.");
        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(new JobKey(id, TrainingJobRunner.Group), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Losses recorded after <paramref name="afterIteration"/>.</summary>
    public async Task<IReadOnlyList<JobLoss>> LossesAsync(string ownerId, string id, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        await _store.TrainingJobs.GetLossesAsync(ownerId, id, afterIteration, cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    /// <summary>Metrics (similarity index and per-voice metrics) recorded after <paramref name="afterIteration"/>.</summary>
    public async Task<IReadOnlyList<JobMetric>> MetricsAsync(string ownerId, string id, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        await _store.TrainingJobs.GetMetricsAsync(ownerId, id, afterIteration, cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    /// <summary>Samples (one per checkpoint) recorded after <paramref name="afterIteration"/>.</summary>
    public async Task<IReadOnlyList<JobSample>> SamplesAsync(string ownerId, string id, int afterIteration = -1, CancellationToken cancellationToken = default) =>
        await _store.TrainingJobs.GetSamplesAsync(ownerId, id, afterIteration, cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    /// <summary>A blob of one of the owner's jobs' samples (MIDI or PNG).</summary>
    public async Task<Stream> OpenSampleAsync(string ownerId, string id, int iteration, bool png, CancellationToken cancellationToken = default)
    {
        var sample = (await SamplesAsync(ownerId, id, iteration - 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Iteration == iteration)
            ?? throw CantusException.NotFound($"Training job '{id}' has no sample at iteration {iteration}.");
        var sha = png ? sample.PngSha256 : sample.MidiSha256;
        return (sha is null ? null : await _store.Blobs.OpenReadAsync(sha, cancellationToken).ConfigureAwait(false))
            ?? throw CantusException.NotFound($"Training job '{id}' has no {(png ? "picture" : "MIDI file")} of its sample at iteration {iteration}.");
    }

    internal static async Task EnqueueAsync(IScheduler scheduler, string jobId, CancellationToken cancellationToken)
    {
        var key = new JobKey(jobId, TrainingJobRunner.Group);
        var job = JobBuilder.Create<TrainingJobRunner>().WithIdentity(key).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().ForJob(key).WithIdentity($"{jobId}-{Guid.NewGuid():N}", TrainingJobRunner.Group).StartNow().Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrainingJobView> ViewAsync(TrainingJobRecord row, CancellationToken cancellationToken)
    {
        var options = JsonSerializer.Deserialize<TrainingOptions>(row.Hyperparameters, JobJson.Options) ?? new TrainingOptions();
        var architecture = JsonSerializer.Deserialize<GanArchitecture>(row.Architecture, JobJson.Options) ?? GanArchitecture.Lab;
        var result = row.ResultModelId is { } m ? (await _store.Models.GetAsync(row.OwnerId, m, cancellationToken: cancellationToken).ConfigureAwait(false))?.Name : null;
        return new TrainingJobView(row.Id, row.Name, TrainingJobStates.Name(row.State), new TrainingJobProgress(row.Iteration, row.Iterations, row.EtaSeconds),
            options.Dataset, row.BaseModelId, options, architecture, row.CancelRequested && !TrainingJobStates.IsFinished(row.State), row.Attempts, row.Error, result,
            row.CreatedAt, row.StartedAt, row.UpdatedAt, row.FinishedAt);
    }

    private static CantusException Missing(string id) => CantusException.NotFound($"There is no training job '{id}'.");
}
