using Cantus.Music.Datasets;
using Cantus.Service;
using Cantus.Service.Datasets;
using Cantus.Service.Errors;
using Cantus.Web.Auth;
using Cantus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/datasets</c>: list the datasets with their tags, import a zip of MIDI files as a dataset,
/// describe a dataset's training windows, download a built-in dataset from its canonical address.
/// </summary>
public static class DatasetsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ServiceProvider.GetRequiredService<CantusWebSettings>();
        var group = app.MapGroup("/api/datasets").WithTags("Datasets");
        group.MapGet("/", ListDatasets).WithName("ListDatasets");
        group.MapPost("/", ImportDataset).WithName("ImportDataset").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxArchiveBytes + (1 << 16)))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{name}", GetDatasetInfo).WithName("GetDatasetInfo");
        group.MapDelete("/{name}", DeleteDataset).WithName("DeleteDataset").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{name}/download", DownloadDataset).WithName("DownloadDataset").AdminsOnlyWhenPublic(settings).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The datasets: built-in ones (also when not downloaded yet) and imported ones.</summary>
    public static async Task<Ok<IReadOnlyList<DatasetSummary>>> ListDatasets(CurrentUser user, DatasetLibrary datasets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await datasets.ListAsync(user.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes one of your imported datasets; refused (409, with the reason) while a queued or running job uses it.</summary>
    public static async Task<NoContent> DeleteDataset(string name, CurrentUser user, DatasetLibrary datasets, CancellationToken cancellationToken)
    {
        await datasets.DeleteAsync(user.Id, name, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Imports the MIDI files of a zip archive (form field <c>archive</c>) as dataset <c>name</c> with <c>tags</c> (repeated or comma-separated) and a <c>description</c>.</summary>
    public static async Task<Created<ImportResult>> ImportDataset(HttpRequest request, CurrentUser user, DatasetLibrary datasets, CantusWebSettings settings, CancellationToken cancellationToken)
    {
        var form = await UploadForm.ReadAsync(request, "the fields name, archive, tags and description", "archive", cancellationToken).ConfigureAwait(false);
        var archive = form.Files.GetFile("archive") ?? throw CantusException.Invalid("Send the zip archive in the form field 'archive'.", "archive");
        UploadForm.CheckSize(archive, settings.MaxArchiveBytes, "archive", "archive");
        var tags = form["tags"].SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        using var stream = archive.OpenReadStream();
        var result = await datasets.ImportAsync(user.Id, form["name"].ToString(), stream, tags, form["description"].ToString(),
            ImportLimits.Default with { MaxArchiveBytes = settings.MaxArchiveBytes }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/datasets/{result.Dataset.Name}", result);
    }

    /// <summary>Pieces and training samples per split of a dataset under the given windowing.</summary>
    public static Ok<DatasetInfo> GetDatasetInfo(string name, CurrentUser user, DatasetLibrary datasets,
        int window = 32, int hop = 16, string transposition = "none", string pitchRange = "0..127")
    {
        if (window is < 1 or > 4096) throw CantusException.Invalid($"The window must be 1..4096 steps, not {window}.", "window");
        if (hop is < 1 or > 4096) throw CantusException.Invalid($"The hop must be 1..4096 steps, not {hop}.", "hop");
        var windowing = new WindowOptions
        {
            Steps = window,
            Hop = hop,
            Transposition = OptionValues.Transposition(transposition),
            PitchRange = OptionValues.PitchRange(pitchRange),
        };
        return TypedResults.Ok(datasets.Info(user.Id, name, windowing));
    }

    /// <summary>Downloads a built-in dataset from its canonical address, checking its SHA-256 (already there: nothing to do).</summary>
    public static async Task<Ok<DatasetDownloadResult>> DownloadDataset(string name, DatasetLibrary datasets, IHttpClientFactory http, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        return TypedResults.Ok(await datasets.DownloadAsync(name, force: false, client, cancellationToken).ConfigureAwait(false));
    }
}
