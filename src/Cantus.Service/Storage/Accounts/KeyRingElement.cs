namespace Cantus.Service.Storage.Accounts;

/// <summary>One element of the web nodes' key ring (table <c>data_protection_keys</c>): a key or a revocation, as XML.</summary>
public sealed record KeyRingElement
{
    /// <summary>The row's number, in the order the elements were added.</summary>
    public long Id { get; init; }

    /// <summary>The name the key manager gave it (<c>key-&lt;guid&gt;</c>, <c>revocation-…</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The element as XML text (a key's secret part encrypted).</summary>
    public required string Xml { get; init; }

    /// <summary>When it was added (set by the store).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
