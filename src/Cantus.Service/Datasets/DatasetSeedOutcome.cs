namespace Cantus.Service.Datasets;

/// <summary>What seeding did with one built-in dataset.</summary>
public enum DatasetSeedOutcome
{
    /// <summary>Its files were checked and stored in the store.</summary>
    Stored,

    /// <summary>The store already had it; nothing was read.</summary>
    AlreadyStored,

    /// <summary>The folder does not hold it.</summary>
    NotPresent,

    /// <summary>Its files were there but not the published ones; nothing was stored.</summary>
    Refused,
}
