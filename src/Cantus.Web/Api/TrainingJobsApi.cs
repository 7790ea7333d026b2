using System.Text.Json;
using Cantus.Service.Errors;
using Cantus.Service.Jobs;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Training;
using Cantus.Service.Training;
using Cantus.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/training-jobs</c>: start training (202), follow it (state, progress, losses, metrics,
/// samples; <c>/events</c> streams them as server-sent events), cancel, resume, delete; and estimate
/// how long a job would take before starting it.
/// </summary>
public static class TrainingJobsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTrainingJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training-jobs").WithTags("Training jobs");
        group.MapPost("/", Submit).WithName("StartTrainingJob").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/estimate", Estimate).WithName("EstimateTrainingJob").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListTrainingJobs");
        group.MapGet("/{id}", Get).WithName("GetTrainingJob").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/cancel", Cancel).WithName("CancelTrainingJob").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/resume", Resume).WithName("ResumeTrainingJob").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", Delete).WithName("DeleteTrainingJob").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/losses", Losses).WithName("GetTrainingJobLosses");
        group.MapGet("/{id}/metrics", Metrics).WithName("GetTrainingJobMetrics");
        group.MapGet("/{id}/samples", Samples).WithName("GetTrainingJobSamples");
        group.MapGet("/{id}/samples/{iteration:int}/{file:regex(^(midi|png)$)}", SampleFile).WithName("GetTrainingJobSampleFile");
        group.MapGet("/{id}/events", Events).WithName("TrainingJobEvents").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    /// <summary>Starts training: fields named as model.json's training and architecture blocks; omitted ones take the defaults (or <c>baseModel</c>'s recipe).</summary>
    public static async Task<Accepted<TrainingJobView>> Submit(CurrentUser user, TrainingJobRequest request, TrainingJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.SubmitAsync(user.Id, request ?? new TrainingJobRequest(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/training-jobs/{job.Id}", job);
    }

    /// <summary>
    /// How long the job this body describes (the body of <c>POST /api/training-jobs</c>, validated the
    /// same way) would take on this server: from completed jobs of the same architecture, batch size
    /// and critic steps when there are any (basis "previous runs"), else by timing real training
    /// iterations here (basis "measured"; at most about 3 s for a new configuration, then kept).
    /// Nothing is queued or stored.
    /// </summary>
    public static async Task<Ok<TrainingEstimate>> Estimate(CurrentUser user, TrainingJobRequest request, TrainingEstimator estimator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(estimator);
        return TypedResults.Ok(await estimator.EstimateAsync(user.Id, request ?? new TrainingJobRequest(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Your training jobs, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<TrainingJobView>>> List(CurrentUser user, TrainingJobs jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.ListAsync(user.Id, cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>One job: its state and progress.</summary>
    public static async Task<Ok<TrainingJobView>> Get(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.GetAsync(user.Id, id, cancellationToken).ConfigureAwait(false));

    /// <summary>Cancels the job: a queued one at once, a running one after its current iteration (its last checkpoint is kept).</summary>
    public static async Task<Accepted<TrainingJobView>> Cancel(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/training-jobs/{id}", await jobs.CancelAsync(user.Id, id, cancellationToken).ConfigureAwait(false));

    /// <summary>Queues a canceled or failed job again; it resumes from its last checkpoint.</summary>
    public static async Task<Accepted<TrainingJobView>> Resume(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/training-jobs/{id}", await jobs.ResumeAsync(user.Id, id, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes an ended job and its history (the model it made stays).</summary>
    public static async Task<NoContent> Delete(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken)
    {
        await jobs.DeleteAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Losses per iteration after <c>after</c>.</summary>
    public static async Task<Ok<IReadOnlyList<JobLoss>>> Losses(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken, int after = -1) =>
        TypedResults.Ok(await jobs.LossesAsync(user.Id, id, after, cancellationToken).ConfigureAwait(false));

    /// <summary>The similarity index and per-voice music metrics (with the training data's values) per evaluation after <c>after</c>.</summary>
    public static async Task<Ok<IReadOnlyList<JobMetricDto>>> Metrics(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken, int after = -1) =>
        TypedResults.Ok((await jobs.MetricsAsync(user.Id, id, after, cancellationToken).ConfigureAwait(false)).Select(JobMetricDto.Of).ToList() as IReadOnlyList<JobMetricDto>);

    /// <summary>The samples drawn at each checkpoint after <c>after</c>, with links to their MIDI and picture.</summary>
    public static async Task<Ok<List<JobSampleDto>>> Samples(CurrentUser user, string id, TrainingJobs jobs, CancellationToken cancellationToken, int after = -1) =>
        TypedResults.Ok((await jobs.SamplesAsync(user.Id, id, after, cancellationToken).ConfigureAwait(false)).Select(s => JobSampleDto.Of(id, s)).ToList());

    /// <summary>A sample's MIDI file or piano-roll picture.</summary>
    public static async Task<FileStreamHttpResult> SampleFile(CurrentUser user, string id, int iteration, string file, TrainingJobs jobs, CancellationToken cancellationToken)
    {
        var png = file == "png";
        var stream = await jobs.OpenSampleAsync(user.Id, id, iteration, png, cancellationToken).ConfigureAwait(false);
        return TypedResults.Stream(stream, png ? "image/png" : "audio/midi", $"{id}-{iteration}.{(png ? "png" : "mid")}");
    }

    /// <summary>
    /// Server-sent events while the job lives: <c>job</c> (state and progress, whenever they change),
    /// <c>losses</c>, <c>metrics</c> and <c>sample</c> (new points as they are written); the stream
    /// ends after the job's final state. Any web node can serve it: it reads the database.
    /// </summary>
    public static async Task Events(CurrentUser user, string id, HttpContext context, TrainingJobs jobs, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = json.Value.SerializerOptions;
        await jobs.RowAsync(user.Id, id, cancellationToken).ConfigureAwait(false); // 404 before the stream starts
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through at once
        int lastLoss = -1, lastMetric = -1, lastSample = -1;
        string? lastState = null;
        var lastIteration = -1;
        var keepAlive = System.Diagnostics.Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            TrainingJobView job;
            try
            {
                job = await jobs.GetAsync(user.Id, id, cancellationToken).ConfigureAwait(false);
            }
            catch (CantusException e) when (e.Kind == ErrorKind.NotFound)
            {
                await Send(response, "deleted", new { id }, options, cancellationToken).ConfigureAwait(false);
                return;
            }
            var losses = await jobs.LossesAsync(user.Id, id, lastLoss, cancellationToken).ConfigureAwait(false);
            if (losses.Count > 0)
            {
                await Send(response, "losses", losses, options, cancellationToken).ConfigureAwait(false);
                lastLoss = losses[^1].Iteration;
            }
            var metrics = await jobs.MetricsAsync(user.Id, id, lastMetric, cancellationToken).ConfigureAwait(false);
            if (metrics.Count > 0)
            {
                await Send(response, "metrics", metrics.Select(JobMetricDto.Of), options, cancellationToken).ConfigureAwait(false);
                lastMetric = metrics[^1].Iteration;
            }
            foreach (var sample in await jobs.SamplesAsync(user.Id, id, lastSample, cancellationToken).ConfigureAwait(false))
            {
                await Send(response, "sample", JobSampleDto.Of(id, sample), options, cancellationToken).ConfigureAwait(false);
                lastSample = sample.Iteration;
            }
            if (job.State != lastState || job.Progress.Iteration != lastIteration)
            {
                await Send(response, "job", job, options, cancellationToken).ConfigureAwait(false);
                lastState = job.State;
                lastIteration = job.Progress.Iteration;
                keepAlive.Restart();
            }
            else if (keepAlive.Elapsed > TimeSpan.FromSeconds(15))
            {
                await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                keepAlive.Restart();
            }
            if (job.State is "completed" or "failed" or "canceled" && !job.CancelRequested) return;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client went away
            }
        }
    }

    private static async Task Send<T>(HttpResponse response, string name, T data, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, options)}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

}
