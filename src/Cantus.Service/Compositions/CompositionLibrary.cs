using System.Text.Json;
using Cantus.Gan.Models;
using Cantus.Music.Images;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Audio;
using Cantus.Service.Composing;
using Cantus.Service.Errors;
using Cantus.Service.Models;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Compositions;

/// <summary>
/// The compositions use case: compose and keep (the melody, the result and the options go to the
/// store, the files to the blob store), list, get, delete, share by an unguessable link and
/// revoke it, revise (an edited MIDI replaces the result), and the files: MIDI as composed or
/// revised, WAV and PNG rendered on first request and kept until the MIDI is revised.
/// </summary>
public sealed class CompositionLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CantusStore _store;
    private readonly ComposeMelody _compose;
    private readonly ModelLibrary _models;
    private readonly AudioSettings _audio;

    /// <summary>Creates the use case.</summary>
    public CompositionLibrary(CantusStore store, ComposeMelody compose, ModelLibrary models, AudioSettings? audio = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _compose = compose ?? throw new ArgumentNullException(nameof(compose));
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _audio = audio ?? AudioSettings.Default;
    }

    /// <summary>Composes <paramref name="request"/> for <paramref name="ownerId"/> (melody read leniently, as uploads are) and keeps it.</summary>
    /// <exception cref="CantusException">As <see cref="ComposeMelody.ExecuteAsync"/>.</exception>
    /// <remarks>With <paramref name="melodyId"/>, the owner's stored melody is accompanied (the request's bytes are its file) and no new melody is stored.</remarks>
    public async Task<CompositionView> CreateAsync(string ownerId, ComposeRequest request, CancellationToken cancellationToken = default, string? melodyId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { Lenient = true, Png = false, Wav = null };
        request = request with { OwnerId = ownerId };
        var result = await _compose.ExecuteAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        var modelName = request.Model?.Name ?? ModelStore.DefaultModelName;
        var model = await _models.RecordOfAsync(ownerId, modelName, cancellationToken).ConfigureAwait(false);
        // Blobs first (content-addressed, harmless if the rows never come), then the rows in one transaction.
        var melodyBlob = melodyId is null ? await PutAsync(request.Melody.ToArray(), cancellationToken).ConfigureAwait(false) : null;
        var midiBlob = await PutAsync(result.Midi, cancellationToken).ConfigureAwait(false);
        var roll = result.Composition.Roll;
        var options = new CompositionOptions(modelName, request.MelodyTrack, request.Threshold, request.KeyPenalty, request.Programs);
        await using var tx = await _store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var melody = melodyId is not null
            ? await _store.Melodies.GetAsync(ownerId, melodyId, tx.Transaction, cancellationToken).ConfigureAwait(false) ?? throw CantusException.NotFound($"There is no melody '{melodyId}'.")
            : await _store.Melodies.CreateAsync(new MelodyRecord
        {
            OwnerId = ownerId,
            Name = string.IsNullOrWhiteSpace(request.MelodyName) ? "melody" : request.MelodyName,
            Source = MelodySources.Upload,
            TempoBpm = roll.TempoBpm,
            Bars = (roll.Steps + 15) / 16,
            Steps = roll.Steps,
            MidiSha256 = melodyBlob!,
            Repairs = JsonSerializer.Serialize(result.Repairs, Json),
        }, tx.Transaction, cancellationToken).ConfigureAwait(false);
        var row = await _store.Compositions.CreateAsync(new CompositionRecord
        {
            OwnerId = ownerId,
            MelodyId = melody.Id,
            ModelId = model.Id,
            Options = JsonSerializer.Serialize(options, Json),
            Seed = unchecked((long)request.Seed),
            Candidates = request.Candidates,
            Steps = roll.Steps,
            MidiSha256 = midiBlob,
            CriticScore = result.Composition.CriticScore,
            Timings = JsonSerializer.Serialize(result.Timings, Json),
        }, tx.Transaction, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return View(row, melody, options);
    }

    /// <summary>The owner's compositions, newest first.</summary>
    public async Task<IReadOnlyList<CompositionView>> ListAsync(string ownerId, Page? page = null, CancellationToken cancellationToken = default)
    {
        var rows = await _store.Compositions.ListAsync(ownerId, page, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = new List<CompositionView>(rows.Count);
        foreach (var row in rows) result.Add(await ViewAsync(row, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>The owner's composition.</summary>
    /// <exception cref="CantusException">NotFound (also for another user's id).</exception>
    public async Task<CompositionView> GetAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        await ViewAsync(await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the owner's composition (its share link dies with it).</summary>
    public async Task DeleteAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        if (!await _store.Compositions.DeleteAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false)) throw Missing(id);
    }

    /// <summary>Shares the owner's composition: its share token (the same one while it stays shared).</summary>
    public async Task<string> ShareAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        await _store.Compositions.ShareAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    /// <summary>Revokes the share link: its token never works again.</summary>
    public async Task UnshareAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        if (!await _store.Compositions.UnshareAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false)) throw Missing(id);
    }

    /// <summary>The composition shared under <paramref name="token"/> (without its token).</summary>
    /// <exception cref="CantusException">NotFound: no such link, or it was revoked.</exception>
    public async Task<CompositionView> GetSharedAsync(string token, CancellationToken cancellationToken = default) =>
        await ViewAsync(await SharedRowAsync(token, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) with { ShareToken = null };

    /// <summary>
    /// Replaces the result of the owner's composition with an edited MIDI file (the console's
    /// editor), read leniently and checked as melody uploads are: not empty, at most
    /// <paramref name="maxBytes"/>, readable, with notes, and at most <paramref name="maxSteps"/>
    /// 16th-note steps long. The WAV and PNG of the old result are dropped (rendered again from the
    /// new MIDI on request), <see cref="CompositionView.RevisedAt"/> is set, and a share link serves
    /// the revised version. A file repaired on reading is stored as repaired. A refused request changes nothing.
    /// </summary>
    /// <exception cref="CantusException">InvalidOptions (empty); LimitExceeded (size, length); BadInput (no notes); NotFound (also another user's id).</exception>
    /// <exception cref="MidiFormatException">The file cannot be read even leniently (bad input).</exception>
    public async Task<CompositionView> ReviseAsync(string ownerId, string id, ReadOnlyMemory<byte> midi, long maxBytes, int maxSteps, CancellationToken cancellationToken = default)
    {
        if (midi.Length == 0) throw CantusException.Invalid("The MIDI file is empty.", "midi");
        if (midi.Length > maxBytes) throw CantusException.TooLarge($"The MIDI file is {midi.Length} bytes; the limit is {maxBytes} bytes.", "midi");
        var file = MidiFile.Parse(midi.Span, MidiReadingSettings.Lenient);
        if (file.NoteCount == 0) throw CantusException.BadInput("The MIDI file has no notes: there is no music in it to keep.");
        var steps = MidiToMultitrack.Convert(file).Steps;
        if (steps > maxSteps)
            throw CantusException.TooLarge($"The MIDI file lasts {(steps + 15) / 16} bars; a composition may last at most {maxSteps / 16} bars.", "midi");
        await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false); // 404 before anything is stored
        // Renderings read the stored MIDI strictly: a file that needed repairs is kept as repaired.
        var bytes = file.Repairs.Count == 0 && ReadsStrictly(midi.Span) ? midi.ToArray() : file.ToBytes();
        var sha = await PutAsync(bytes, cancellationToken).ConfigureAwait(false);
        var row = await _store.Compositions.ReviseAsync(ownerId, id, sha, steps, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw Missing(id);
        return await ViewAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A file of the owner's composition.</summary>
    public async Task<Stream> OpenAsync(string ownerId, string id, CompositionFile file, CancellationToken cancellationToken = default) =>
        await OpenAsync(await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false), file, cancellationToken).ConfigureAwait(false);

    /// <summary>A file of the composition shared under <paramref name="token"/>.</summary>
    public async Task<Stream> OpenSharedAsync(string token, CompositionFile file, CancellationToken cancellationToken = default) =>
        await OpenAsync(await SharedRowAsync(token, cancellationToken).ConfigureAwait(false), file, cancellationToken).ConfigureAwait(false);

    private async Task<Stream> OpenAsync(CompositionRecord row, CompositionFile file, CancellationToken cancellationToken)
    {
        var sha = file switch
        {
            CompositionFile.Midi => row.MidiSha256,
            CompositionFile.Wav => row.WavSha256,
            _ => row.PngSha256,
        };
        if (sha is null)
        {
            byte[] midiBytes;
            await using (var midiStream = await BlobAsync(row.MidiSha256, cancellationToken).ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                await midiStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                midiBytes = buffer.ToArray();
            }
            var midi = MidiFile.Parse(midiBytes);
            var bytes = file == CompositionFile.Wav ? AudioRendering.RenderWav(AudioRendering.CreateRenderer(_audio), midi) : DrawPng(midi, row.Id);
            sha = await PutAsync(bytes, cancellationToken).ConfigureAwait(false);
            // Kept only while the composition's MIDI is still the one rendered (a revision meanwhile drops it).
            await _store.Compositions.SetRenderingsAsync(row.Id, row.MidiSha256, file == CompositionFile.Wav ? sha : null, file == CompositionFile.Png ? sha : null,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return await BlobAsync(sha, cancellationToken).ConfigureAwait(false);
    }

    private static bool ReadsStrictly(ReadOnlySpan<byte> midi)
    {
        try
        {
            MidiFile.Parse(midi);
            return true;
        }
        catch (MidiFormatException)
        {
            return false;
        }
    }

    private Task<Stream> BlobAsync(string sha256, CancellationToken cancellationToken) =>
        _store.Blobs.OpenRequiredAsync(sha256, "a file of this composition", cancellationToken);

    private static byte[] DrawPng(MidiFile midi, string title)
    {
        using var stream = new MemoryStream();
        PngEncoder.Encode(new PianoRollRenderer().Render(MidiToMultitrack.Convert(midi), title), stream);
        return stream.ToArray();
    }

    private async Task<string> PutAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return (await _store.Blobs.PutAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false)).Sha256;
    }

    private async Task<CompositionRecord> RowAsync(string ownerId, string id, CancellationToken cancellationToken) =>
        await _store.Compositions.GetAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    private async Task<CompositionRecord> SharedRowAsync(string token, CancellationToken cancellationToken) =>
        await _store.Compositions.GetSharedAsync(token ?? "", cancellationToken).ConfigureAwait(false)
        ?? throw CantusException.NotFound("This share link does not exist or was revoked by its owner.");

    private async Task<CompositionView> ViewAsync(CompositionRecord row, CancellationToken cancellationToken)
    {
        var melody = await _store.Melodies.GetAsync(row.OwnerId, row.MelodyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var options = JsonSerializer.Deserialize<CompositionOptions>(row.Options, Json) ?? new CompositionOptions("?", null, null, null, []);
        return View(row, melody, options);
    }

    private static CompositionView View(CompositionRecord row, MelodyRecord? melody, CompositionOptions options)
    {
        var repairs = melody is null ? [] : JsonSerializer.Deserialize<List<string>>(melody.Repairs, Json) ?? [];
        double composeMs = 0;
        try
        {
            using var timings = JsonDocument.Parse(row.Timings);
            if (timings.RootElement.TryGetProperty("composeMs", out var ms) && ms.TryGetDouble(out var v)) composeMs = v;
        }
        catch (JsonException)
        {
        }
        return new CompositionView(row.Id, options.Model, row.MelodyId, melody?.Name ?? "", row.Seed, row.Candidates, row.Steps, (row.Steps + 15) / 16,
            melody?.TempoBpm ?? 120, row.CriticScore, options, repairs, row.ShareToken, row.CreatedAt, composeMs, row.RevisedAt);
    }

    private static CantusException Missing(string id) => CantusException.NotFound($"There is no composition '{id}'.");
}
