using System.Data.Common;
using Cantus.Service.Storage.Sql;
using Cantus.Service.Storage.Training;

namespace Cantus.Service.Storage.Library;

/// <summary>
/// Models: a user sees their own and the sample models; another user's model is missing.
/// Sample models are read-only here: changing or deleting one is a <see cref="StoreConflictException"/>.
/// </summary>
public sealed class ModelRepository
{
    internal const string Columns =
        "id, owner_id, name, description, tags, genre, architecture, config, evaluation, weights_sha256, source_path, parent_id, is_sample, created_at, updated_at";

    private const string Values =
        "@Id, @OwnerId, @Name, @Description, @Tags, @Genre, @Architecture, @Config, @Evaluation, @WeightsSha256, @SourcePath, @ParentId, @IsSample, @CreatedAt, @UpdatedAt";

    private const string Visible = "(owner_id = @ownerId OR owner_id IS NULL)";
    private readonly CantusDatabase database;

    internal ModelRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Stores a user's model (clone, upload, training result). Its parent must be visible to
    /// the owner; a missing parent, owner or weights blob is a <see cref="StoreNotFoundException"/>;
    /// a name the owner already uses is a <see cref="StoreConflictException"/>.
    /// </summary>
    public async Task<ModelRecord> CreateAsync(ModelRecord model, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.Name);
        if (model.OwnerId is null) throw new ArgumentException("A custom model needs an owner; sample models are stored with UpsertSampleAsync.", nameof(model));
        var now = database.Now();
        var row = model with { Id = model.Id.Length > 0 ? model.Id : StoreIds.New(), IsSample = false, SourcePath = null, CreatedAt = now, UpdatedAt = now };
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        if (row.ParentId is not null
            && await session.ScalarAsync<long>($"SELECT COUNT(*) FROM models WHERE id = @ParentId AND {Visible}", new { row.ParentId, ownerId = row.OwnerId }).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Model {row.ParentId} was not found.");
        try
        {
            await session.ExecuteAsync($"INSERT INTO models ({Columns}) VALUES ({Values})", Parameters(row)).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A model named \"{row.Name}\" already exists.", ex);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The model's owner {row.OwnerId} or its weights blob was not found.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return row;
    }

    /// <summary>
    /// Stores or refreshes a sample model found in the repository's <c>models/</c> folder, by
    /// name (its id stays the same across refreshes). Only the service's start-up sync calls this.
    /// </summary>
    public async Task<ModelRecord> UpsertSampleAsync(ModelRecord sample, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentException.ThrowIfNullOrWhiteSpace(sample.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sample.SourcePath, nameof(sample));
        var now = database.Now();
        var row = sample with
        {
            Id = sample.Id.Length > 0 ? sample.Id : StoreIds.New(), OwnerId = null, IsSample = true,
            WeightsSha256 = null, ParentId = null, CreatedAt = now, UpdatedAt = now,
        };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return (await session.SingleOrDefaultAsync<ModelRecord>(
            $"""
            INSERT INTO models ({Columns}) VALUES ({Values})
            ON CONFLICT (name) WHERE owner_id IS NULL DO UPDATE SET
                description = excluded.description, tags = excluded.tags, genre = excluded.genre,
                architecture = excluded.architecture, config = excluded.config, evaluation = excluded.evaluation,
                source_path = excluded.source_path, updated_at = excluded.updated_at
            RETURNING {Columns}
            """, Parameters(row)).ConfigureAwait(false))!;
    }

    /// <summary>The model if it is the owner's or a sample, else null.</summary>
    public async Task<ModelRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<ModelRecord>(
            $"SELECT {Columns} FROM models WHERE id = @id AND {Visible}", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's model of that name, else the sample model of that name, else null.</summary>
    public async Task<ModelRecord?> FindByNameAsync(string ownerId, string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<ModelRecord>(
            $"SELECT {Columns} FROM models WHERE name = @name AND {Visible} ORDER BY is_sample LIMIT 1", new { name, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The sample models, then the owner's models, each by name.</summary>
    public async Task<IReadOnlyList<ModelRecord>> ListAsync(string ownerId, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<ModelRecord>(
            $"SELECT {Columns} FROM models WHERE {Visible} ORDER BY is_sample DESC, name, id LIMIT @Limit OFFSET @Offset",
            new { ownerId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves the name, description, tags, genre, architecture, config, evaluation and weights
    /// of the owner's model; false when the owner has no such model. A sample model is a
    /// <see cref="StoreConflictException"/>, as is a name the owner already uses.
    /// </summary>
    public async Task<bool> UpdateAsync(string ownerId, ModelRecord model, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(model.Name);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await session.ExecuteAsync(
                """
                UPDATE models SET name = @Name, description = @Description, tags = @Tags, genre = @Genre,
                    architecture = @Architecture, config = @Config, evaluation = @Evaluation,
                    weights_sha256 = @WeightsSha256, updated_at = @UpdatedAt
                WHERE id = @Id AND owner_id = @OwnerId
                """, Parameters(model with { OwnerId = ownerId, UpdatedAt = database.Now() })).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A model named \"{model.Name}\" already exists.", ex);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The weights blob {model.WeightsSha256} was not found.", ex);
        }
        if (changed == 1) return true;
        var sample = await session.ScalarAsync<string>("SELECT name FROM models WHERE id = @Id AND owner_id IS NULL", new { model.Id }).ConfigureAwait(false);
        return sample is null ? false : throw new StoreConflictException($"Model \"{sample}\" is a sample model and cannot be changed: clone it first.");
    }

    /// <summary>
    /// Deletes the owner's model and its evaluations; false when the owner has no such model.
    /// Refused with a <see cref="StoreConflictException"/> naming the reason for a sample model,
    /// a model that compositions use, or the base model of a queued or running training job.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var model = await session.SingleOrDefaultAsync<ModelRecord>(
            $"SELECT {Columns} FROM models WHERE id = @id AND {Visible}{database.Dialect.ForUpdate}", new { id, ownerId }).ConfigureAwait(false);
        if (model is null) return false;
        if (model.IsSample) throw new StoreConflictException($"Model \"{model.Name}\" is a sample model and cannot be deleted.");
        var compositions = await session.ScalarAsync<long>("SELECT COUNT(*) FROM compositions WHERE model_id = @id", new { id }).ConfigureAwait(false);
        if (compositions > 0) throw new StoreConflictException($"Model \"{model.Name}\" is used by {Wording.Count(compositions, "composition")}.");
        var jobs = await session.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM training_jobs WHERE base_model_id = @id AND state IN {TrainingJobStates.SqlList(TrainingJobStates.Unfinished)}",
            new { id }).ConfigureAwait(false);
        if (jobs > 0) throw new StoreConflictException($"Model \"{model.Name}\" is the base of {Wording.Count(jobs, "queued or running training job")}.");
        try
        {
            await session.ExecuteAsync("DELETE FROM models WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreConflictException($"Model \"{model.Name}\" is still in use.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private static object Parameters(ModelRecord m) => new
    {
        m.Id, m.OwnerId, m.Name, m.Description,
        Tags = JsonText.From(m.Tags, "tags"), m.Genre,
        Architecture = JsonText.From(m.Architecture, "architecture"), Config = JsonText.From(m.Config, "config"),
        Evaluation = JsonText.FromNullable(m.Evaluation, "evaluation"),
        m.WeightsSha256, m.SourcePath, m.ParentId, m.IsSample, m.CreatedAt, m.UpdatedAt,
    };
}
