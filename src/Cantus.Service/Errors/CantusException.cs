namespace Cantus.Service.Errors;

/// <summary>
/// A refusal of the service with its <see cref="ErrorKind"/> and a sentence for people. The
/// message never names a command-line flag or an HTTP detail: each client adds its own words.
/// </summary>
public sealed class CantusException : Exception
{
    /// <summary>Creates a refusal.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A sentence saying what and, where it helps, what to do.</param>
    /// <param name="field">The request field at fault (its JSON name), if one is.</param>
    /// <param name="inner">The library exception behind it.</param>
    public CantusException(ErrorKind kind, string message, string? field = null, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>What went wrong.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The request field at fault (JSON name, e.g. <c>batchSize</c>), or null.</summary>
    public string? Field { get; }

    /// <summary>An option out of range or of the wrong form.</summary>
    public static CantusException Invalid(string message, string? field = null, Exception? inner = null) => new(ErrorKind.InvalidOptions, message, field, inner);

    /// <summary>Unreadable content.</summary>
    public static CantusException BadInput(string message, Exception? inner = null) => new(ErrorKind.BadInput, message, null, inner);

    /// <summary>Something that does not exist.</summary>
    public static CantusException NotFound(string message, Exception? inner = null) => new(ErrorKind.NotFound, message, null, inner);

    /// <summary>A conflict with what is stored.</summary>
    public static CantusException Conflict(string message) => new(ErrorKind.Conflict, message);

    /// <summary>Input over a limit.</summary>
    public static CantusException TooLarge(string message, string? field = null) => new(ErrorKind.LimitExceeded, message, field);

    /// <summary>
    /// The library's <see cref="ArgumentException"/> about an option, as <see cref="ErrorKind.InvalidOptions"/>:
    /// its sentence without .NET's "(Parameter 'x')" suffix, and its parameter name as the field.
    /// </summary>
    public static CantusException FromArgument(ArgumentException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var suffix = ex.ParamName is null ? null : $" (Parameter '{ex.ParamName}')";
        var message = suffix is not null && ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message[..^suffix.Length] : ex.Message;
        return new CantusException(ErrorKind.InvalidOptions, message, ex.ParamName, ex);
    }

    /// <summary>Runs <paramref name="validate"/> and turns its <see cref="ArgumentException"/> into <see cref="ErrorKind.InvalidOptions"/>.</summary>
    public static void Check(Action validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw FromArgument(ex);
        }
    }
}
