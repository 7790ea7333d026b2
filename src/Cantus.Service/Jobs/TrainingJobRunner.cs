using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Training;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Cantus.Service.Jobs;

/// <summary>
/// Runs one training job when Quartz fires it: takes the job over with the firing's id as its
/// fencing token, starts or resumes the run from its last checkpoint, trains, calibrates the
/// clean-up on the valid split, keeps the model and completes the job. A user's cancel stops it
/// within a poll interval after a checkpoint; a shutdown leaves it to recovery (it resumes when a
/// worker starts again); a run that lost its job to another worker stops writing at once. Transient
/// failures are retried with backoff; anything else fails the job with a sentence.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class TrainingJobRunner : IJob
{
    /// <summary>The Quartz job group of training jobs (the job key's name is the job's id).</summary>
    public const string Group = "training";

    private readonly CantusStore _store;
    private readonly ModelLibrary _models;
    private readonly DatasetLibrary _datasets;
    private readonly JobSettings _settings;
    private readonly ILogger<TrainingJobRunner> _logger;

    /// <summary>Created by Quartz's job factory from the container.</summary>
    public TrainingJobRunner(CantusStore store, ModelLibrary models, DatasetLibrary datasets, JobSettings settings, ILogger<TrainingJobRunner> logger)
    {
        _store = store;
        _models = models;
        _datasets = datasets;
        _settings = settings;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobId = context.JobDetail.Key.Name;
        var fence = context.FireInstanceId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(jobId, fence, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (FenceLostException ex)
            {
                LogFenceLost(_logger, jobId, ex.Message);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogShutdown(_logger, jobId);
                throw; // the scheduler is shutting down: recovery runs the job again from its last checkpoint
            }
#pragma warning disable CA1031 // a job's failure is recorded on the job, never thrown into the scheduler
            catch (Exception ex) when (ErrorClassifier.Classify(ex, out _) == ErrorKind.Unavailable && attempt < _settings.MaxTransientAttempts)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(attempt, 4)));
                LogTransient(_logger, jobId, attempt, delay.TotalSeconds, ex.Message);
                await TryAsync(() => _store.TrainingRuns.RecordAttemptErrorAsync(jobId, fence, $"attempt {attempt}: {ex.Message}")).ConfigureAwait(false);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var kind = ErrorClassifier.Classify(ex, out var message);
                if (kind is null)
                {
                    LogUnexpected(_logger, ex, jobId);
                    message = $"Training stopped on an unexpected error ({ex.GetType().Name}: {message}).";
                }
                await TryAsync(() => _store.TrainingRuns.TransitionAsync(jobId, fence, TrainingJobState.Failed, message)).ConfigureAwait(false);
                return;
            }
#pragma warning restore CA1031
        }
    }

    private async Task RunAsync(string jobId, string fence, CancellationToken shutdown)
    {
        TrainingJobRecord job;
        try
        {
            job = await _store.TrainingRuns.TakeOverAsync(jobId, fence, cancellationToken: shutdown, worker: Worker).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreConflictException or StoreNotFoundException)
        {
            LogNothingToRun(_logger, jobId, ex.Message);
            return; // finished, canceled while queued, or deleted
        }
        if (job.CancelRequested)
        {
            await _store.TrainingRuns.TransitionAsync(jobId, fence, TrainingJobState.Canceled, cancellationToken: shutdown).ConfigureAwait(false);
            return;
        }
        var options = JsonSerializer.Deserialize<TrainingOptions>(job.Hyperparameters, JobJson.Options)!;
        var architecture = JsonSerializer.Deserialize<GanArchitecture>(job.Architecture, JobJson.Options)!;
        var run = new StoreRunStore(_store, job, fence, _settings.ProgressInterval);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var watcher = new CancelWatcher(_store, jobId, fence, _settings.CancelPollInterval, stop);
        var watching = watcher.RunAsync();
        try
        {
            var datasets = _datasets.Resolver(job.OwnerId);
            TrainingSession session;
            try
            {
                session = run.HasContent
                    ? TrainingSession.Resume(run, datasets, cancellationToken: stop.Token)
                    : TrainingSession.Create(run, options, architecture, datasets, stop.Token);
            }
            catch (ArgumentException ex)
            {
                throw CantusException.FromArgument(ex);
            }
            await _store.TrainingRuns.RecordStartAsync(jobId, fence, run.HasContent ? (int?)session.Iteration : null, shutdown).ConfigureAwait(false);
            await _store.TrainingRuns.TransitionAsync(jobId, fence, TrainingJobState.Training, cancellationToken: shutdown).ConfigureAwait(false);
            var progress = new JobProgressWriter(_store, jobId, fence, _settings.ProgressInterval);
            await Task.Run(() => session.Run(progress, stop.Token), CancellationToken.None).ConfigureAwait(false);
            run.Flush();
            if (stop.IsCancellationRequested)
            {
                if (await watcher.UserCanceledAsync().ConfigureAwait(false))
                {
                    await progress.ReportNowAsync(session.Iteration, null).ConfigureAwait(false);
                    await _store.TrainingRuns.TransitionAsync(jobId, fence, TrainingJobState.Canceled, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                shutdown.ThrowIfCancellationRequested();
            }
            await progress.ReportNowAsync(session.Iteration, 0).ConfigureAwait(false);
            await _store.TrainingRuns.TransitionAsync(jobId, fence, TrainingJobState.Evaluating, cancellationToken: shutdown).ConfigureAwait(false);
            session.CalibrateCleanup(_settings.CalibrationWindows, cancellationToken: stop.Token);
            var trained = session.CurrentModel();
            var config = (run.CalibratedConfig ?? trained.Config) with { Description = $"Trained by job {job.Name} on {options.Dataset} ({session.Iteration} iterations)." };
            var name = await FreeNameAsync(job.OwnerId, job.Name, shutdown).ConfigureAwait(false);
            // The fence is checked once more just before the model is kept, and again by the completion.
            if (!await watcher.StillOwnedAsync().ConfigureAwait(false)) throw new FenceLostException(jobId, $"Training job {jobId} was taken over before its model was kept.");
            var saved = await _models.SaveAsync(job.OwnerId, name, new GanModel(config, trained.Generator, trained.Critic), job.BaseModelId, shutdown).ConfigureAwait(false);
            await _store.TrainingRuns.CompleteAsync(jobId, fence, saved.Id!, cancellationToken: shutdown).ConfigureAwait(false);
        }
        finally
        {
            await watcher.StopAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }
    }

    /// <summary>This process, as a job's attempt records it: host name and process id.</summary>
    private static string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    private async Task<string> FreeNameAsync(string ownerId, string name, CancellationToken cancellationToken)
    {
        for (var k = 1; ; k++)
        {
            var candidate = k == 1 ? name : $"{name}-{k}";
            try
            {
                await _models.GetAsync(ownerId, candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (CantusException e) when (e.Kind == ErrorKind.NotFound)
            {
                return candidate;
            }
        }
    }

    private static async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // best effort: a record of a failure must not hide the failure
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId}: another run owns it now ({Reason}); this run stops.")]
    private static partial void LogFenceLost(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId}: shutting down; it resumes from its last checkpoint when a worker starts.")]
    private static partial void LogShutdown(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training job {JobId}: attempt {Attempt} failed transiently; retrying in {Seconds} s: {Reason}")]
    private static partial void LogTransient(ILogger logger, string jobId, int attempt, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId}: nothing to run ({Reason}).")]
    private static partial void LogNothingToRun(ILogger logger, string jobId, string reason);
}
