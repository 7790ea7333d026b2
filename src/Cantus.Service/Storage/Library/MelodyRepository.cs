using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Library;

/// <summary>Melodies; every method is scoped to the owner (another user's melody is missing).</summary>
public sealed class MelodyRepository
{
    private const string Columns = "id, owner_id, name, source, tempo_bpm, bars, steps, midi_sha256, repairs, created_at";
    private readonly CantusDatabase database;

    internal MelodyRepository(CantusDatabase database) => this.database = database;

    /// <summary>Stores a melody; a missing owner or MIDI blob is a <see cref="StoreNotFoundException"/>.</summary>
    public async Task<MelodyRecord> CreateAsync(MelodyRecord melody, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(melody);
        ArgumentException.ThrowIfNullOrWhiteSpace(melody.Name);
        Check.OneOf(melody.Source, "melody source", MelodySources.Upload, MelodySources.Recorded, MelodySources.Sample);
        var row = melody with { Id = melody.Id.Length > 0 ? melody.Id : StoreIds.New(), CreatedAt = database.Now() };
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.ExecuteAsync(
                $"""
                INSERT INTO melodies ({Columns})
                VALUES (@Id, @OwnerId, @Name, @Source, @TempoBpm, @Bars, @Steps, @MidiSha256, @Repairs, @CreatedAt)
                """,
                new { row.Id, row.OwnerId, row.Name, row.Source, row.TempoBpm, row.Bars, row.Steps, row.MidiSha256,
                      Repairs = JsonText.From(row.Repairs, "repairs"), row.CreatedAt }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException($"The melody's owner {row.OwnerId} or its MIDI blob {row.MidiSha256} was not found.", ex);
        }
        return row;
    }

    /// <summary>The owner's melody, or null.</summary>
    public async Task<MelodyRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<MelodyRecord>(
            $"SELECT {Columns} FROM melodies WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's melodies, newest first.</summary>
    public async Task<IReadOnlyList<MelodyRecord>> ListAsync(string ownerId, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<MelodyRecord>(
            $"SELECT {Columns} FROM melodies WHERE owner_id = @ownerId ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset",
            new { ownerId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>Renames the owner's melody; false when the owner has no such melody.</summary>
    public async Task<bool> RenameAsync(string ownerId, string id, string name, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(
            "UPDATE melodies SET name = @name WHERE id = @id AND owner_id = @ownerId", new { id, ownerId, name }).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Deletes the owner's melody; false when the owner has no such melody. A melody that
    /// compositions use is refused with a <see cref="StoreConflictException"/> saying how many.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        var name = await session.ScalarAsync<string>(
            $"SELECT name FROM melodies WHERE id = @id AND owner_id = @ownerId{database.Dialect.ForUpdate}", new { id, ownerId }).ConfigureAwait(false);
        if (name is null) return false;
        var uses = await session.ScalarAsync<long>("SELECT COUNT(*) FROM compositions WHERE melody_id = @id", new { id }).ConfigureAwait(false);
        if (uses > 0) throw new StoreConflictException($"Melody \"{name}\" is used by {Wording.Count(uses, "composition")}.");
        try
        {
            await session.ExecuteAsync("DELETE FROM melodies WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreConflictException($"Melody \"{name}\" is used by a composition.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return true;
    }
}
