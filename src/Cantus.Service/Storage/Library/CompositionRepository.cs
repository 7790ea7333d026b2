using System.Data.Common;
using Cantus.Service.Storage.Sql;

namespace Cantus.Service.Storage.Library;

/// <summary>
/// Compositions: scoped to the owner, except <see cref="GetSharedAsync"/>, which serves public
/// share links by their unguessable token.
/// </summary>
public sealed class CompositionRepository
{
    private const string Columns =
        "id, owner_id, melody_id, model_id, options, seed, candidates, steps, midi_sha256, wav_sha256, png_sha256, critic_score, timings, share_token, shared_at, created_at, revised_at";

    private readonly CantusDatabase database;

    internal CompositionRepository(CantusDatabase database) => this.database = database;

    /// <summary>
    /// Stores a composition (not shared). The melody must be the owner's and the model the
    /// owner's or a sample; else, or for a missing blob, a <see cref="StoreNotFoundException"/>.
    /// </summary>
    public async Task<CompositionRecord> CreateAsync(CompositionRecord composition, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composition);
        var row = composition with { Id = composition.Id.Length > 0 ? composition.Id : StoreIds.New(), ShareToken = null, SharedAt = null, CreatedAt = database.Now(), RevisedAt = null };
        await using var session = await DbSession.OpenAsync(database, transaction, true, cancellationToken).ConfigureAwait(false);
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM melodies WHERE id = @MelodyId AND owner_id = @OwnerId", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Melody {row.MelodyId} was not found.");
        if (await session.ScalarAsync<long>("SELECT COUNT(*) FROM models WHERE id = @ModelId AND (owner_id = @OwnerId OR owner_id IS NULL)", row).ConfigureAwait(false) == 0)
            throw new StoreNotFoundException($"Model {row.ModelId} was not found.");
        try
        {
            await session.ExecuteAsync(
                $"""
                INSERT INTO compositions ({Columns}) VALUES (@Id, @OwnerId, @MelodyId, @ModelId, @Options, @Seed, @Candidates, @Steps,
                    @MidiSha256, @WavSha256, @PngSha256, @CriticScore, @Timings, @ShareToken, @SharedAt, @CreatedAt, @RevisedAt)
                """,
                new
                {
                    row.Id, row.OwnerId, row.MelodyId, row.ModelId, Options = JsonText.From(row.Options, "options"), row.Seed, row.Candidates, row.Steps,
                    row.MidiSha256, row.WavSha256, row.PngSha256, row.CriticScore, Timings = JsonText.From(row.Timings, "timings"),
                    row.ShareToken, row.SharedAt, row.CreatedAt, row.RevisedAt,
                }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException("A blob of the composition (MIDI, WAV or PNG) was not found.", ex);
        }
        await session.CommitAsync().ConfigureAwait(false);
        return row;
    }

    /// <summary>The owner's composition, or null.</summary>
    public async Task<CompositionRecord?> GetAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<CompositionRecord>(
            $"SELECT {Columns} FROM compositions WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false);
    }

    /// <summary>The owner's compositions, newest first.</summary>
    public async Task<IReadOnlyList<CompositionRecord>> ListAsync(string ownerId, Page? page = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var p = Page.Resolve(page);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ListAsync<CompositionRecord>(
            $"SELECT {Columns} FROM compositions WHERE owner_id = @ownerId ORDER BY created_at DESC, id LIMIT @Limit OFFSET @Offset",
            new { ownerId, p.Limit, p.Offset }).ConfigureAwait(false);
    }

    /// <summary>Deletes the owner's composition (its blobs are left to garbage collection); false when there is no such composition.</summary>
    public async Task<bool> DeleteAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync("DELETE FROM compositions WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Shares the owner's composition and returns its share token (the same token again if it
    /// is already shared); null when there is no such composition.
    /// </summary>
    public async Task<string?> ShareAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ScalarAsync<string>(
            """
            UPDATE compositions SET share_token = COALESCE(share_token, @token), shared_at = COALESCE(shared_at, @now)
            WHERE id = @id AND owner_id = @ownerId
            RETURNING share_token
            """, new { id, ownerId, token = StoreIds.NewToken(), now = database.Now() }).ConfigureAwait(false);
    }

    /// <summary>Revokes the share link (its token will never work again); false when there is no such composition.</summary>
    public async Task<bool> UnshareAsync(string ownerId, string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(
            "UPDATE compositions SET share_token = NULL, shared_at = NULL WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Records the WAV and/or PNG rendered for composition <paramref name="id"/> from the MIDI
    /// <paramref name="midiSha256"/> (null leaves a column as it is); the caller has checked that it
    /// may see the composition. False when there is no such composition or its MIDI is no longer
    /// that one (revised meanwhile: a rendering of the old MIDI is never kept for the new one); a
    /// missing blob is a <see cref="StoreNotFoundException"/>.
    /// </summary>
    public async Task<bool> SetRenderingsAsync(string id, string midiSha256, string? wavSha256, string? pngSha256, DbTransaction? transaction = null,
        CancellationToken cancellationToken = default)
    {
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await session.ExecuteAsync(
                """
                UPDATE compositions SET wav_sha256 = COALESCE(@wavSha256, wav_sha256), png_sha256 = COALESCE(@pngSha256, png_sha256)
                WHERE id = @id AND midi_sha256 = @midiSha256
                """,
                new { id, midiSha256, wavSha256, pngSha256 }).ConfigureAwait(false) == 1;
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException("A rendering of the composition (WAV or PNG) is not in the blob store.", ex);
        }
    }

    /// <summary>
    /// Replaces the owner's composition's result with the MIDI blob <paramref name="midiSha256"/> of
    /// <paramref name="steps"/> steps, in one statement: the renderings of the old MIDI (WAV, PNG)
    /// are dropped, <c>revised_at</c> becomes now; its share link, if any, serves the new result.
    /// Returns the changed row; null when there is no such composition (also another user's); a
    /// missing blob is a <see cref="StoreNotFoundException"/>.
    /// </summary>
    public async Task<CompositionRecord?> ReviseAsync(string ownerId, string id, string midiSha256, int steps, DbTransaction? transaction = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        await using var session = await DbSession.OpenAsync(database, transaction, false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await session.SingleOrDefaultAsync<CompositionRecord>(
                $"""
                UPDATE compositions SET midi_sha256 = @midiSha256, steps = @steps, wav_sha256 = NULL, png_sha256 = NULL, revised_at = @now
                WHERE id = @id AND owner_id = @ownerId
                RETURNING {Columns}
                """, new { id, ownerId, midiSha256, steps, now = database.Now() }).ConfigureAwait(false);
        }
        catch (DbException ex) when (StoreErrors.IsForeignKeyViolation(ex))
        {
            throw new StoreNotFoundException("The revised MIDI of the composition is not in the blob store.", ex);
        }
    }

    /// <summary>The composition shared under <paramref name="shareToken"/>, whoever owns it, or null.</summary>
    public async Task<CompositionRecord?> GetSharedAsync(string shareToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shareToken);
        await using var session = await DbSession.OpenAsync(database, null, false, cancellationToken).ConfigureAwait(false);
        return await session.SingleOrDefaultAsync<CompositionRecord>(
            $"SELECT {Columns} FROM compositions WHERE share_token = @shareToken", new { shareToken }).ConfigureAwait(false);
    }
}
