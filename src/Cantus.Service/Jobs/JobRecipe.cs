using Cantus.Gan.Networks;
using Cantus.Gan.Training;
using Cantus.Music.Datasets;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Jobs;

/// <summary>What submitting a training job and estimating one share: the request resolved and validated the same way.</summary>
internal static class JobRecipe
{
    /// <summary>The base model (when named), the options and the architecture of <paramref name="request"/>, validated.</summary>
    /// <exception cref="CantusException">InvalidOptions naming the field; NotFound: no such base model.</exception>
    public static async Task<(ModelRecord? BaseModel, TrainingOptions Options, GanArchitecture Architecture)> ResolveAsync(
        ModelLibrary models, string ownerId, TrainingJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseModel = request.BaseModel is { } b ? await models.RecordOfAsync(ownerId, b, cancellationToken).ConfigureAwait(false) : null;
        var recipe = baseModel is null ? null : (await models.LoadAsync(ownerId, ModelRef.Named(request.BaseModel!), cancellationToken).ConfigureAwait(false)).Model.Config;
        var (options, architecture) = request.Resolve(recipe);
        return (baseModel, options, architecture);
    }

    /// <summary>The refusal of a job on a dataset that is not there yet.</summary>
    public static CantusException DatasetMissing(string dataset) => CantusException.Conflict(dataset == JsbChoralesLoader.DatasetName
        ? $"The dataset {dataset} is not downloaded yet: download it first (it is fetched from its canonical address and checked by SHA-256), then start the job."
        : $"There is no dataset named '{dataset}': import it first, then start the job.");
}
