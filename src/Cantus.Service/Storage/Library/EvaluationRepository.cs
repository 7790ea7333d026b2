using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Library;

/// <summary>Evaluations of models; scoped to the user who ran them.</summary>
public sealed class EvaluationRepository
{
    private const string Columns = "id, model_id, owner_id, dataset_id, dataset_name, split, options, report, created_at";
    private readonly CantusDatabase database;

    internal EvaluationRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Stores an evaluation. The model must be the owner's or a sample, and the dataset (when
    /// given) the owner's or built in; else a <see cref="StoreNotFoundException"/>.
    /// </summary>
    public async Task<EvaluationRecord> CreateAsync(EvaluationRecord evaluation, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentException.ThrowIfNullOrWhiteSpace(evaluation.Split);
        var row = evaluation with { Id = evaluation.Id.Length > 0 ? evaluation.Id : StoreIds.New(), CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM models WHERE id = @ModelId AND (owner_id = @OwnerId OR owner_id IS NULL)", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Model {row.ModelId} was not found.");
        if (row.DatasetId is not null
            && await session.ScalarAsync<long>("SELECT COUNT(*) FROM datasets WHERE id = @DatasetId AND (owner_id = @OwnerId OR owner_id IS NULL)", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Dataset {row.DatasetId} was not found.");
        try
        {
            await session.ExecuteAsync(
                $"INSERT INTO evaluations ({Columns}) VALUES (@Id, @ModelId, @OwnerId, @DatasetId, @DatasetName, @Split, @Options, @Report, @CreatedAt)",
                new
                {
                    row.Id, row.ModelId, row.OwnerId, row.DatasetId, row.DatasetName, row.Split,
                    Options = JsonText.From(row.Options, "options"), Report = JsonText.From(row.Report, "report"), row.CreatedAt,
                }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"User {row.OwnerId} was not found.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return row;
    }

    /// <summary>The owner's evaluation, or null.</summary>
    public async Task<EvaluationRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<EvaluationRecord>(
            $"SELECT {Columns} FROM evaluations WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's evaluations, of one model when <paramref name="modelId"/> is given, newest first.</summary>
    public async Task<IReadOnlyList<EvaluationRecord>> ListAsync(string ownerId, string? modelId = null, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<EvaluationRecord>(
            $"""
            SELECT {Columns} FROM evaluations WHERE owner_id = @ownerId AND (@modelId IS NULL OR model_id = @modelId)
            ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset
            """, new { ownerId, modelId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>Deletes the owner's evaluation; false when there is no such evaluation.</summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync("DELETE FROM evaluations WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false) == 1;
    }
}
