using System.IO.Compression;
using Cantus.Gan.Models;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage.Accounts;
using Cantus.Web.Hosting;
using Cantus.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/models</c>: list sample and custom models, get one with its evaluation, clone, rename and
/// tag, delete (refused with the reason while in use), download as a zip (model.safetensors +
/// model.json), upload (e.g. weights trained in PyTorch with the lab's state-dict names).
/// </summary>
public static class ModelsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ServiceProvider.GetRequiredService<CantusWebSettings>();
        var group = app.MapGroup("/api/models").WithTags("Models");
        group.MapGet("/", ListModels).WithName("ListModels");
        group.MapPost("/", UploadModel).WithName("UploadModel").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxModelBytes + (1 << 16)))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{name}", GetModel).WithName("GetModel").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/clone", CloneModel).WithName("CloneModel").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{name}", UpdateModel).WithName("UpdateModel").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{name}", DeleteModel).WithName("DeleteModel").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{name}/download", DownloadModel).WithName("DownloadModel").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return app;
    }

    /// <summary>Every model: sample models first, then your own.</summary>
    public static async Task<Ok<IReadOnlyList<ModelSummary>>> ListModels(CurrentUser user, ModelLibrary models, CancellationToken cancellationToken) =>
        TypedResults.Ok(await models.ListAsync(user.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>One model with its evaluation headline.</summary>
    public static async Task<Ok<ModelSummary>> GetModel(CurrentUser user, string name, ModelLibrary models, CancellationToken cancellationToken) =>
        TypedResults.Ok(await models.GetAsync(user.Id, name, cancellationToken).ConfigureAwait(false));

    /// <summary>Copies a model into a new model of yours whose parent it is (a sample model's recipe as your start).</summary>
    public static async Task<Created<ModelSummary>> CloneModel(CurrentUser user, string name, CloneModelRequest request, ModelLibrary models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clone = await models.CloneAsync(user.Id, name, request.Name ?? "", new ModelUpdate { Description = request.Description, Genre = request.Genre, Tags = request.Tags },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/models/{clone.Name}", clone);
    }

    /// <summary>Renames your model or changes its description, genre or tags.</summary>
    public static async Task<Ok<ModelSummary>> UpdateModel(CurrentUser user, string name, ModelUpdate request, ModelLibrary models, CancellationToken cancellationToken) =>
        TypedResults.Ok(await models.UpdateAsync(user.Id, name, request, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes your model; refused (409, with the reason) while compositions or training jobs use it.</summary>
    public static async Task<NoContent> DeleteModel(CurrentUser user, string name, ModelLibrary models, CancellationToken cancellationToken)
    {
        await models.DeleteAsync(user.Id, name, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Uploads a model: form fields <c>name</c>, <c>weights</c> (safetensors: both networks as Cantus
    /// writes them, or a generator with the lab's PyTorch state-dict names) and optional
    /// <c>config</c> (model.json; default: the lab's architecture).
    /// </summary>
    public static async Task<Created<ModelSummary>> UploadModel(CurrentUser user, HttpRequest request, ModelLibrary models, CantusWebSettings settings, CancellationToken cancellationToken)
    {
        var form = await UploadForm.ReadAsync(request, "the fields name, weights and config", "weights", cancellationToken).ConfigureAwait(false);
        var weights = form.Files.GetFile("weights") ?? throw CantusException.Invalid("Send the weights (safetensors) in the form field 'weights'.", "weights");
        var config = form.Files.GetFile("config");
        if (weights.Length + (config?.Length ?? 0) > settings.MaxModelBytes)
            throw CantusException.TooLarge($"The model is larger than the limit of {settings.MaxModelBytes} bytes.", "weights");
        await using var weightStream = weights.OpenReadStream();
        await using var configStream = config?.OpenReadStream();
        var model = await models.UploadAsync(user.Id, form["name"].ToString(), weightStream, configStream, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/models/{model.Name}", model);
    }

    /// <summary>The model as a zip of model.safetensors and model.json.</summary>
    public static async Task<FileContentHttpResult> DownloadModel(CurrentUser user, string name, ModelLibrary models, CancellationToken cancellationToken)
    {
        var config = await models.ConfigJsonAsync(user.Id, name, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var weights = await models.OpenWeightsAsync(user.Id, name, cancellationToken).ConfigureAwait(false))
            await using (var entry = zip.CreateEntry(ModelStore.WeightsFileName, CompressionLevel.Fastest).Open())
                await weights.CopyToAsync(entry, cancellationToken).ConfigureAwait(false);
            await using (var entry = zip.CreateEntry(ModelStore.ConfigFileName, CompressionLevel.Fastest).Open())
                await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(config), cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.File(buffer.ToArray(), "application/zip", $"{name}.zip");
    }

}

/// <summary>A clone's name and, optionally, its description, genre and tags.</summary>
/// <param name="Name">The new model's name.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Genre">The kind of music.</param>
/// <param name="Tags">Labels.</param>
public sealed record CloneModelRequest(string? Name, string? Description = null, string? Genre = null, IReadOnlyList<string>? Tags = null);
