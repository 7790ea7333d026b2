namespace Cantus.Service.Storage;

/// <summary>The database's schema cannot be used by this version of Cantus (it is newer, or its history is not ours).</summary>
public sealed class StoreSchemaException : Exception
{
    /// <summary>A schema problem; the message says what to do.</summary>
    public StoreSchemaException(string message) : base(message) { }
}
