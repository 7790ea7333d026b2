using Cantus.Service.Storage.Accounts;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;
using Cantus.Service.Storage.Migrations;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Storage;

/// <summary>
/// The book-keeping store: one object holding the database, its repositories and the blob
/// store. Repository methods take an optional transaction from <see cref="BeginAsync"/> so
/// several writes (a job row and its enqueueing, say) commit together. Thread-safe.
/// </summary>
public sealed class CantusStore : IAsyncDisposable, IDisposable
{
    /// <summary>A store over <paramref name="database"/>, which it then owns (disposes). Does not migrate.</summary>
    public CantusStore(CantusDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Users = new UserRepository(database);
        ApiTokens = new ApiTokenRepository(database);
        KeyRing = new KeyRingRepository(database);
        Melodies = new MelodyRepository(database);
        Models = new ModelRepository(database);
        Datasets = new DatasetRepository(database);
        Compositions = new CompositionRepository(database);
        Evaluations = new EvaluationRepository(database);
        TrainingJobs = new TrainingJobRepository(database);
        TrainingRuns = new TrainingRunRepository(database);
        Blobs = database.Engine == DatabaseEngine.PostgreSql
            ? new PostgresBlobStore(database)
            : new FileBlobStore(database, database.Options.BlobDirectory ?? Path.Combine(Path.GetDirectoryName(database.SqliteFile)!, "blobs"));
    }

    /// <summary>
    /// Opens the database <paramref name="connection"/> names (see <see cref="CantusDatabase.Open"/>),
    /// applies pending migrations, and returns the store; what was applied is in <see cref="Migrated"/>.
    /// </summary>
    public static async Task<CantusStore> OpenAsync(string connection, StoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        var database = CantusDatabase.Open(connection, options);
        try
        {
            var applied = await new Migrator(database).ApplyAsync(cancellationToken).ConfigureAwait(false);
            return new CantusStore(database) { Migrated = applied };
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// <see cref="OpenAsync"/>, waiting for a database that does not answer yet (a cluster's
    /// PostgreSQL still starting, or restarting): unavailable errors are retried with a growing
    /// pause (1, 2, 4 … at most 10 s), each reported through <paramref name="waiting"/> in a
    /// sentence; any other error (a wrong password, a newer schema) is thrown at once.
    /// </summary>
    public static async Task<CantusStore> OpenWhenAvailableAsync(string connection, Action<string> waiting, StoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await OpenAsync(connection, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Errors.ErrorClassifier.Classify(ex, out var message) == Errors.ErrorKind.Unavailable)
            {
                waiting($"the database does not answer ({message}); trying again in {pause.TotalSeconds:F0} s");
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromSeconds(Math.Min(10, pause.TotalSeconds * 2));
            }
        }
    }

    /// <summary>The database.</summary>
    public CantusDatabase Database { get; }

    /// <summary>The migrations <see cref="OpenAsync"/> applied (empty when the schema was up to date).</summary>
    public IReadOnlyList<AppliedMigration> Migrated { get; private init; } = [];

    /// <summary>User accounts.</summary>
    public UserRepository Users { get; }

    /// <summary>Personal API tokens.</summary>
    public ApiTokenRepository ApiTokens { get; }

    /// <summary>The web nodes' shared key ring (data-protection keys).</summary>
    public KeyRingRepository KeyRing { get; }

    /// <summary>Melodies.</summary>
    public MelodyRepository Melodies { get; }

    /// <summary>Sample and custom models.</summary>
    public ModelRepository Models { get; }

    /// <summary>Built-in and imported datasets.</summary>
    public DatasetRepository Datasets { get; }

    /// <summary>Compositions and their share links.</summary>
    public CompositionRepository Compositions { get; }

    /// <summary>Model evaluations.</summary>
    public EvaluationRepository Evaluations { get; }

    /// <summary>Training jobs as their owners see them.</summary>
    public TrainingJobRepository TrainingJobs { get; }

    /// <summary>What a worker's run of a training job writes (fenced).</summary>
    public TrainingRunRepository TrainingRuns { get; }

    /// <summary>Content-addressed blobs.</summary>
    public IBlobStore Blobs { get; }

    /// <summary>Begins a unit of work (see <see cref="CantusDatabase.BeginAsync"/>).</summary>
    public Task<StoreTransaction> BeginAsync(CancellationToken cancellationToken = default) => Database.BeginAsync(cancellationToken);

    /// <summary>Disposes the database.</summary>
    public void Dispose() => Database.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
