namespace Cantus.Service.Errors;

/// <summary>
/// What went wrong, as every client of the service reports it: the command line as an exit code
/// (docs/cli.md), the web API as a status code (docs/api.md).
/// </summary>
public enum ErrorKind
{
    /// <summary>Content that cannot be read: a malformed MIDI file, model or archive (CLI exit 2, HTTP 422).</summary>
    BadInput,

    /// <summary>Options out of range or of the wrong form (CLI exit 1, HTTP 400).</summary>
    InvalidOptions,

    /// <summary>Input larger or longer than a configured limit (CLI exit 2, HTTP 413).</summary>
    LimitExceeded,

    /// <summary>No such model, dataset, file or record (CLI exit 2, HTTP 404).</summary>
    NotFound,

    /// <summary>The request conflicts with what is stored (a name taken, a model in use; CLI exit 3, HTTP 409).</summary>
    Conflict,

    /// <summary>Something the work needs is unreachable for now: a database, a download server, disk space (CLI exit 3, HTTP 503).</summary>
    Unavailable,
}
