namespace Cantus.Service.Storage;

/// <summary>
/// The store refused a change that would break a rule: deleting something still referenced,
/// changing a sample model, a name already taken, an illegal job state change. The message
/// is the reason, written for the person who asked (the web answers 409 with it).
/// </summary>
public sealed class StoreConflictException : Exception
{
    /// <summary>A refusal whose message is the reason.</summary>
    public StoreConflictException(string message) : base(message) { }

    /// <summary>A refusal caused by a database error (a constraint the query before it could not see).</summary>
    public StoreConflictException(string message, Exception innerException) : base(message, innerException) { }
}
