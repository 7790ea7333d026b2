using System.Text;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Tests.Storage;

/// <summary>
/// Rows the tests build on, each with fresh names so tests sharing a database never collide.
/// Their JSON is written as PostgreSQL's jsonb prints it, so rows read back equal on both engines.
/// </summary>
public static class StoreSeed
{
    public static async Task<string> NewUserAsync(this CantusStore store) =>
        (await store.Users.CreateAsync(new UserRecord { Name = "user-" + StoreIds.New(), DisplayName = "A user" })).Id;

    public static async Task<string> PutTextAsync(this IBlobStore blobs, string text) =>
        (await blobs.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)))).Sha256;

    public static async Task<string> ReadTextAsync(this IBlobStore blobs, string sha256)
    {
        await using var stream = await blobs.OpenReadAsync(sha256) ?? throw new InvalidOperationException($"No blob {sha256}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static async Task<MelodyRecord> NewMelodyAsync(this CantusStore store, string ownerId, string name = "Ode") =>
        await store.Melodies.CreateAsync(new MelodyRecord
        {
            OwnerId = ownerId, Name = name, Source = MelodySources.Upload, TempoBpm = 100, Bars = 8, Steps = 128,
            MidiSha256 = await store.Blobs.PutTextAsync("melody " + StoreIds.New()), Repairs = """["running status added"]""",
        });

    public static Task<ModelRecord> NewModelAsync(this CantusStore store, string ownerId, string? name = null, string? parentId = null) =>
        store.Models.CreateAsync(new ModelRecord
        {
            OwnerId = ownerId, Name = name ?? "model-" + StoreIds.New(), Description = "A test model", Tags = """["bach", "test"]""",
            Genre = "chorale", Architecture = """{"filters": 32}""", Config = """{"name": "test"}""", ParentId = parentId,
        });

    public static Task<ModelRecord> NewModelInAsync(this CantusStore store, string ownerId, StoreTransaction work) =>
        store.Models.CreateAsync(new ModelRecord { OwnerId = ownerId, Name = "result-" + StoreIds.New() }, work.Transaction);

    public static Task<ModelRecord> NewSampleModelAsync(this CantusStore store) =>
        store.Models.UpsertSampleAsync(new ModelRecord { Name = "sample-" + StoreIds.New(), SourcePath = "/models/sample", Config = """{"sample": true}""" });

    public static Task<DatasetRecord> NewDatasetAsync(this CantusStore store, string ownerId) =>
        store.Datasets.CreateAsync(new DatasetRecord
        {
            OwnerId = ownerId, Name = "dataset-" + StoreIds.New(), Kind = DatasetKinds.MidiZip, State = DatasetStates.Available,
            Pieces = 12, Tags = """["pop"]""", Description = "Some songs",
        });

    public static async Task<TrainingJobRecord> NewJobAsync(this CantusStore store, string ownerId, string? datasetId = null, string? baseModelId = null) =>
        await store.TrainingJobs.CreateAsync(new TrainingJobRecord
        {
            OwnerId = ownerId, Name = "job-" + StoreIds.New(), DatasetId = datasetId ?? (await store.NewDatasetAsync(ownerId)).Id,
            BaseModelId = baseModelId, Iterations = 1000, Hyperparameters = """{"batchSize": 16}""", Tags = """["chorale"]""",
        });

    public static async Task<CompositionRecord> NewCompositionAsync(this CantusStore store, string ownerId, string melodyId, string modelId) =>
        await store.Compositions.CreateAsync(new CompositionRecord
        {
            OwnerId = ownerId, MelodyId = melodyId, ModelId = modelId, Options = """{"threshold": 0.5}""", Seed = 42, Candidates = 4, Steps = 128,
            MidiSha256 = await store.Blobs.PutTextAsync("result " + StoreIds.New()), CriticScore = 1.25, Timings = """{"composeMs": 12}""",
        });

    /// <summary>Takes the job over with a new fence and returns the fence.</summary>
    public static async Task<string> TakeOverAsync(this CantusStore store, string jobId)
    {
        var fence = "run-" + StoreIds.New();
        await store.TrainingRuns.TakeOverAsync(jobId, fence);
        return fence;
    }
}
