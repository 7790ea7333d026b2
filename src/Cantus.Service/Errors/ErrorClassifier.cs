using System.Text.Json;
using Cantus.Music.Audio.Rendering;

namespace Cantus.Service.Errors;

/// <summary>
/// The one mapping from exceptions to <see cref="ErrorKind"/> that every client uses. Refusals of
/// the service (<see cref="CantusException"/>) keep their kind; the libraries' exceptions map by
/// type: unreadable content (the <see cref="FormatException"/> family: MIDI, SoundFont,
/// safetensors, model files; <see cref="InvalidDataException"/>; JSON) is bad input, a render or
/// size limit is a limit, missing files are not found, network and timeout failures are
/// unavailable, as are an unreachable or busy database and a full disk; the store's refusals keep their meaning (conflict,
/// not found, too large). Anything else (including a bare <see cref="ArgumentException"/>, which means a
/// bug, since requests are validated first) is not classified: an internal error.
/// </summary>
public static class ErrorClassifier
{
    /// <summary>The kind of <paramref name="exception"/>, or null for an internal error; <paramref name="message"/> is the sentence to show.</summary>
    public static ErrorKind? Classify(Exception exception, out string message)
    {
        ArgumentNullException.ThrowIfNull(exception);
        message = exception.Message.ReplaceLineEndings(" ").Trim();
        if (exception is IOException full && IsDiskFull(full) || exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 })
            message = "The server's disk is full, so this could not be stored; nothing was changed. Free some space on the server and try again.";
        return exception switch
        {
            CantusException c => c.Kind,
            Storage.StoreConflictException or Storage.FenceLostException => ErrorKind.Conflict,
            Storage.StoreNotFoundException => ErrorKind.NotFound,
            Storage.Blobs.BlobTooLargeException => ErrorKind.LimitExceeded,
            Storage.StoreSchemaException => ErrorKind.Unavailable,
            Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException => ErrorKind.Unavailable,
            Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 13 } => ErrorKind.Unavailable, // BUSY, LOCKED, FULL
            RenderLimitException or Gan.Composing.MelodyTooLongException => ErrorKind.LimitExceeded,
            FileNotFoundException or DirectoryNotFoundException => ErrorKind.NotFound,
            FormatException or InvalidDataException or JsonException => ErrorKind.BadInput,
            HttpRequestException or TimeoutException => ErrorKind.Unavailable,
            IOException io when IsDiskFull(io) => ErrorKind.Unavailable,
            _ => null,
        };
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(IOException io) => (io.HResult & 0xFFFF) is 28 or 122 or 0x27 or 0x70;
}
