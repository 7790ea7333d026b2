using Cantus.Music.Datasets;
using Cantus.Service;
using Cantus.Service.Composing;
using Cantus.Service.Datasets;
using Cantus.Service.Evaluation;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Training;

namespace Cantus.Cli.Commands;

/// <summary>
/// The use cases as the command line uses them: the data directory of <c>$CANTUS_DATA</c> (or the
/// default), and, since the person at the keyboard owns this machine, datasets and models may
/// also be named by a path (<see cref="DatasetSource"/>, <see cref="ModelRef.AtPath"/>).
/// </summary>
internal static class CliServices
{
    public static ServicePaths Paths => ServicePaths.For();

    /// <summary>The library over the data directory's embedded store, opened (and migrated) only when a stored model is used.</summary>
    public static ModelLibrary Models => new(Paths, () => Store(Paths));

    /// <summary>The data directory's embedded store.</summary>
    public static CantusStore Store(ServicePaths paths)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        return CantusStore.OpenAsync(Path.Combine(paths.DataDirectory, CantusDatabase.DefaultFileName)).GetAwaiter().GetResult();
    }

    public static IDatasetResolver LocalDatasets => new LocalDatasetResolver(new DatasetSource(Paths.DataDirectory), Datasets.Resolver(UserRepository.LocalUserId));

    public static ComposeMelody Compose => new(Models);

    public static TrainModel Train => new(LocalDatasets);

    public static EvaluateModel Evaluate => new(Models, LocalDatasets);

    public static DatasetLibrary Datasets => new(Paths, () => Store(Paths));

    /// <summary>A model given on the command line: a library name when it is one and no such folder exists, else a directory; null: the default model's directory.</summary>
    public static ModelRef Model(string? text)
    {
        if (text is null) return ModelRef.AtPath(Gan.Models.ModelStore.DefaultModelDirectory());
        if (!Directory.Exists(text) && DatasetCatalog.IsValidName(text)) return ModelRef.Named(text);
        return ModelRef.AtPath(text);
    }
}
