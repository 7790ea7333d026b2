using System.Data.Common;
using Cantus.Service.Storage.Sql;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Storage.Library;

/// <summary>
/// Datasets: a user sees their own and the built-in ones; another user's dataset is missing.
/// Built-in datasets change only through <see cref="UpsertBuiltInAsync"/>.
/// </summary>
public sealed class DatasetRepository
{
    private const string Columns = "id, owner_id, name, kind, tags, description, pieces, archive_sha256, state, created_at";
    private const string Values = "@Id, @OwnerId, @Name, @Kind, @Tags, @Description, @Pieces, @ArchiveSha256, @State, @CreatedAt";
    private const string Visible = "(owner_id = @ownerId OR owner_id IS NULL)";
    private readonly CantusDatabase database;

    internal DatasetRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Stores a user's dataset; a missing owner or archive blob is a <see cref="StoreNotFoundException"/>,
    /// a name the owner already uses a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<DatasetRecord> CreateAsync(DatasetRecord dataset, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        Validate(dataset);
        if (dataset.OwnerId is null) throw new ArgumentException("A user's dataset needs an owner; built-in datasets are stored with UpsertBuiltInAsync.", nameof(dataset));
        var row = dataset with { Id = dataset.Id.Length > 0 ? dataset.Id : StoreIds.New(), CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync($"INSERT INTO datasets ({Columns}) VALUES ({Values})", Parameters(row)).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A dataset named \"{row.Name}\" already exists.", ex);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The dataset's owner {row.OwnerId} or its archive blob was not found.", ex);
        }
        return row;
    }

    /// <summary>
    /// Stores or refreshes a built-in dataset by name (its id stays the same); for the service's
    /// start-up, seeding and downloads. An <see cref="DatasetRecord.ArchiveSha256"/> (the blob of
    /// its files) replaces the stored one; null keeps it, so recording a dataset's use never drops
    /// its files. A missing archive blob is a <see cref="StoreNotFoundException"/>.
    /// </summary>
    public async Task<DatasetRecord> UpsertBuiltInAsync(DatasetRecord dataset, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        Validate(dataset);
        var row = dataset with { Id = dataset.Id.Length > 0 ? dataset.Id : StoreIds.New(), OwnerId = null, CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            return (await session.SingleOrDefaultAsync<DatasetRecord>(
                $"""
                INSERT INTO datasets ({Columns}) VALUES ({Values})
                ON CONFLICT (name) WHERE owner_id IS NULL DO UPDATE SET
                    kind = excluded.kind, tags = excluded.tags, description = excluded.description,
                    pieces = excluded.pieces, state = excluded.state,
                    archive_sha256 = COALESCE(excluded.archive_sha256, datasets.archive_sha256)
                RETURNING {Columns}
                """, Parameters(row)).ConfigureAwait(false))!;
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The archive blob {row.ArchiveSha256} of the built-in dataset \"{row.Name}\" was not found.", ex);
        }
    }

    /// <summary>The archive blobs of every dataset, any owner's or built in (what a node's cache of unpacked archives must keep).</summary>
    public async Task<IReadOnlySet<string>> ListArchivesAsync(CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        var archives = await session.ListAsync<string>("SELECT DISTINCT archive_sha256 FROM datasets WHERE archive_sha256 IS NOT NULL").ConfigureAwait(false);
        return archives.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The built-in dataset (no owner) of that name, else null; every user sees it.</summary>
    public async Task<DatasetRecord?> FindBuiltInAsync(string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<DatasetRecord>(
            $"SELECT {Columns} FROM datasets WHERE name = @name AND owner_id IS NULL", new { name }).ConfigureAwait(false);
    }

    /// <summary>The dataset if it is the owner's or built in, else null.</summary>
    public async Task<DatasetRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<DatasetRecord>(
            $"SELECT {Columns} FROM datasets WHERE id = @id AND {Visible}", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's dataset of that name, else the built-in one of that name, else null.</summary>
    public async Task<DatasetRecord?> FindByNameAsync(string ownerId, string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<DatasetRecord>(
            $"SELECT {Columns} FROM datasets WHERE name = @name AND {Visible} ORDER BY owner_id IS NULL LIMIT 1", new { name, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The built-in datasets, then the owner's, each by name.</summary>
    public async Task<IReadOnlyList<DatasetRecord>> ListAsync(string ownerId, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<DatasetRecord>(
            $"SELECT {Columns} FROM datasets WHERE {Visible} ORDER BY owner_id IS NULL DESC, name, id LIMIT @Limit OFFSET @Offset",
            new { ownerId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves the name, tags, description, pieces, archive and state of the owner's dataset;
    /// false when the owner has no such dataset. A built-in dataset is a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<bool> UpdateAsync(string ownerId, DatasetRecord dataset, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        Validate(dataset);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await session.ExecuteAsync(
                """
                UPDATE datasets SET name = @Name, tags = @Tags, description = @Description, pieces = @Pieces,
                    archive_sha256 = @ArchiveSha256, state = @State
                WHERE id = @Id AND owner_id = @OwnerId
                """, Parameters(dataset with { OwnerId = ownerId })).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A dataset named \"{dataset.Name}\" already exists.", ex);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The archive blob {dataset.ArchiveSha256} was not found.", ex);
        }
        if (changed == 1) return true;
        var builtIn = await session.ScalarAsync<string>("SELECT name FROM datasets WHERE id = @Id AND owner_id IS NULL", new { dataset.Id }).ConfigureAwait(false);
        return builtIn is null ? false : throw new StoreConflictException($"Dataset \"{builtIn}\" is built in and cannot be changed.");
    }

    /// <summary>
    /// Deletes the owner's dataset; false when the owner has no such dataset. Refused with a
    /// <see cref="StoreConflictException"/> for a built-in dataset or one a queued or running job uses.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var dataset = await session.SingleOrDefaultAsync<DatasetRecord>(
            $"SELECT {Columns} FROM datasets WHERE id = @id AND {Visible}{database.Dialect.ForUpdate}", new { id, ownerId }).ConfigureAwait(false);
        if (dataset is null) return false;
        if (dataset.OwnerId is null) throw new StoreConflictException($"Dataset \"{dataset.Name}\" is built in and cannot be deleted.");
        var jobs = await session.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM training_jobs WHERE dataset_id = @id AND state IN {TrainingJobStates.SqlList(TrainingJobStates.Unfinished)}",
            new { id }).ConfigureAwait(false);
        if (jobs > 0) throw new StoreConflictException($"Dataset \"{dataset.Name}\" is used by {Wording.Count(jobs, "queued or running training job")}.");
        await session.ExecuteAsync("DELETE FROM datasets WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
        await session.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private static void Validate(DatasetRecord dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset.Name);
        Check.OneOf(dataset.Kind, "dataset kind", DatasetKinds.JsbChorales, DatasetKinds.LabSnippets, DatasetKinds.MidiZip);
        Check.OneOf(dataset.State, "dataset state", DatasetStates.Available, DatasetStates.Missing, DatasetStates.Importing);
        ArgumentOutOfRangeException.ThrowIfNegative(dataset.Pieces);
    }

    private static object Parameters(DatasetRecord d) => new
    {
        d.Id, d.OwnerId, d.Name, d.Kind, Tags = JsonText.From(d.Tags, "tags"), d.Description, d.Pieces, d.ArchiveSha256, d.State, d.CreatedAt,
    };
}
