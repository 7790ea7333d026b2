namespace Cantus.Service.Storage;

/// <summary>
/// A new row refers to something that does not exist or that its owner cannot see: a
/// composition of another user's melody, a job on a missing dataset. (Reading or changing a
/// missing row is not an exception: those methods return null or false.)
/// </summary>
public sealed class StoreNotFoundException : Exception
{
    /// <summary>A missing reference; the message names it.</summary>
    public StoreNotFoundException(string message) : base(message) { }

    /// <summary>A missing reference found by a database constraint.</summary>
    public StoreNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
