using System.Text.Json;
using Cantus.Music.Midi;
using Cantus.Music.PianoRolls;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Blobs;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Melodies;

/// <summary>
/// The melodies use case: keep a melody a user uploaded or recorded (read leniently; what was
/// repaired is kept with it), list, get, its MIDI file, delete (refused while compositions use it).
/// </summary>
public sealed class MelodyLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CantusStore _store;

    /// <summary>Creates the use case.</summary>
    public MelodyLibrary(CantusStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Stores a melody.</summary>
    /// <exception cref="CantusException">InvalidOptions (source, name); LimitExceeded (size).</exception>
    /// <exception cref="MidiFormatException">The file cannot be read even leniently (422).</exception>
    public async Task<MelodyView> UploadAsync(string ownerId, string name, ReadOnlyMemory<byte> midi, string source, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (source is not (MelodySources.Upload or MelodySources.Recorded)) throw CantusException.Invalid("A melody's source is upload or recorded.", "source");
        if (midi.Length == 0) throw CantusException.Invalid("The melody file is empty.", "melody");
        if (midi.Length > maxBytes) throw CantusException.TooLarge($"The melody file is {midi.Length} bytes; the limit is {maxBytes} bytes.", "melody");
        var file = MidiFile.Parse(midi.Span, MidiReadingSettings.Lenient);
        if (file.NoteCount == 0) throw CantusException.BadInput("The MIDI file has no notes: there is no melody in it.");
        var roll = MidiToMultitrack.Convert(file);
        using var stream = new MemoryStream(midi.ToArray(), writable: false);
        var blob = await _store.Blobs.PutAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var row = await _store.Melodies.CreateAsync(new MelodyRecord
        {
            OwnerId = ownerId,
            Name = string.IsNullOrWhiteSpace(name) ? "melody" : name.Trim()[..Math.Min(200, name.Trim().Length)],
            Source = source,
            TempoBpm = roll.TempoBpm,
            Bars = (roll.Steps + 15) / 16,
            Steps = roll.Steps,
            MidiSha256 = blob.Sha256,
            Repairs = JsonSerializer.Serialize(file.Repairs, Json),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return View(row);
    }

    /// <summary>The owner's melodies, newest first.</summary>
    public async Task<IReadOnlyList<MelodyView>> ListAsync(string ownerId, Page? page = null, CancellationToken cancellationToken = default) =>
        (await _store.Melodies.ListAsync(ownerId, page, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(View).ToList();

    /// <summary>The owner's melody.</summary>
    public async Task<MelodyView> GetAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        View(await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false));

    /// <summary>The melody's MIDI file as it was uploaded.</summary>
    public async Task<byte[]> MidiAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        var row = await RowAsync(ownerId, id, cancellationToken).ConfigureAwait(false);
        await using var blob = await _store.Blobs.OpenRequiredAsync(row.MidiSha256, "the melody's file", cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await blob.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Deletes the owner's melody; refused while compositions use it.</summary>
    public async Task DeleteAsync(string ownerId, string id, CancellationToken cancellationToken = default)
    {
        bool deleted;
        try
        {
            deleted = await _store.Melodies.DeleteAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException ex)
        {
            throw CantusException.Conflict($"{ex.Message} Delete those first.");
        }
        if (!deleted) throw Missing(id);
    }

    /// <summary>The owner's melody row.</summary>
    public async Task<MelodyRecord> RowAsync(string ownerId, string id, CancellationToken cancellationToken = default) =>
        await _store.Melodies.GetAsync(ownerId, id, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw Missing(id);

    private static MelodyView View(MelodyRecord row) =>
        new(row.Id, row.Name, row.Source, row.TempoBpm, row.Bars, row.Steps, JsonSerializer.Deserialize<List<string>>(row.Repairs, Json) ?? [], row.CreatedAt);

    private static CantusException Missing(string id) => CantusException.NotFound($"There is no melody '{id}'.");
}
