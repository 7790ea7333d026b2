namespace Cantus.Service.Storage.Migrations;

/// <summary>A schema migration applied to the database.</summary>
/// <param name="Version">Its number (the script's numeric prefix).</param>
/// <param name="Name">Its name (the rest of the script's file name).</param>
/// <param name="AppliedAt">When it was applied.</param>
public sealed record AppliedMigration(int Version, string Name, DateTimeOffset AppliedAt);
