namespace Cantus.Gan.Composing;

/// <summary>The melody is longer than <see cref="ComposeOptions.MaxWindows"/> allows.</summary>
public sealed class MelodyTooLongException : FormatException
{
    /// <summary>Creates the exception for a melody of <paramref name="windows"/> windows against a limit of <paramref name="limit"/>.</summary>
    public MelodyTooLongException(int windows, int limit, int steps)
        : base($"The melody needs {windows} windows of {steps} steps; the limit is {limit} windows.")
    {
        Windows = windows;
        Limit = limit;
    }

    /// <summary>Windows the melody needs.</summary>
    public int Windows { get; }

    /// <summary>The limit.</summary>
    public int Limit { get; }
}
