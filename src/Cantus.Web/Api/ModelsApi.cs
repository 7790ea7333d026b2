using System.IO.Compression;
using Cantus.Gan.Models;
using Cantus.Service.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cantus.Web.Api;

/// <summary>
/// <c>/api/models</c>: list sample and custom models, get one with its evaluation, clone, rename and
/// tag, delete, download as a zip (model.safetensors + model.json).
/// </summary>
public static class ModelsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/models").WithTags("Models");
        group.MapGet("/", ListModels).WithName("ListModels");
        group.MapGet("/{name}", GetModel).WithName("GetModel");
        group.MapPost("/{name}/clone", CloneModel).WithName("CloneModel");
        group.MapPatch("/{name}", UpdateModel).WithName("UpdateModel");
        group.MapDelete("/{name}", DeleteModel).WithName("DeleteModel");
        group.MapGet("/{name}/download", DownloadModel).WithName("DownloadModel").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return app;
    }

    /// <summary>Every model: sample models first, then custom ones.</summary>
    public static Ok<IReadOnlyList<ModelSummary>> ListModels(ModelLibrary models) => TypedResults.Ok(models.List());

    /// <summary>One model.</summary>
    public static Ok<ModelSummary> GetModel(string name, ModelLibrary models) => TypedResults.Ok(models.Get(name));

    /// <summary>Copies a model into a new custom model whose parent it is.</summary>
    public static Created<ModelSummary> CloneModel(string name, CloneModelRequest request, ModelLibrary models)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clone = models.Clone(name, request.Name ?? "", new ModelUpdate { Description = request.Description, Genre = request.Genre, Tags = request.Tags });
        return TypedResults.Created($"/api/models/{clone.Name}", clone);
    }

    /// <summary>Renames a custom model or changes its description, genre or tags.</summary>
    public static Ok<ModelSummary> UpdateModel(string name, ModelUpdate request, ModelLibrary models) => TypedResults.Ok(models.Update(name, request));

    /// <summary>Deletes a custom model.</summary>
    public static NoContent DeleteModel(string name, ModelLibrary models)
    {
        models.Delete(name);
        return TypedResults.NoContent();
    }

    /// <summary>The model as a zip of model.safetensors and model.json.</summary>
    public static FileContentHttpResult DownloadModel(string name, ModelLibrary models)
    {
        var loaded = models.Load(ModelRef.Named(name));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in new[] { ModelStore.WeightsFileName, ModelStore.ConfigFileName })
            {
                var path = Path.Combine(loaded.Directory, file);
                if (!File.Exists(path)) continue;
                using var entry = zip.CreateEntry(file, CompressionLevel.Fastest).Open();
                using var source = File.OpenRead(path);
                source.CopyTo(entry);
            }
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
