namespace Cantus.Service.Storage.Library;

/// <summary>The values of <see cref="DatasetRecord.State"/>.</summary>
public static class DatasetStates
{
    /// <summary>Ready to train on.</summary>
    public const string Available = "available";

    /// <summary>Known but not on disk (a built-in dataset not downloaded yet).</summary>
    public const string Missing = "missing";

    /// <summary>Being imported or downloaded.</summary>
    public const string Importing = "importing";
}
