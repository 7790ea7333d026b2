using Cantus.Service.Accounts;
using Cantus.Service.Errors;
using Cantus.Service.Storage;

namespace Cantus.Service.Tests.Accounts;

/// <summary>
/// Where the key-ring secret comes from: the setting when given; without accounts none (keys in
/// memory); on SQLite otherwise a file made once in the data directory, readable by its owner only;
/// on PostgreSQL with accounts a refusal that says what to set.
/// </summary>
public sealed class KeyRingSecretTests : IDisposable
{
    private const string Configured = "configured-secret-of-more-than-32-characters";
    private readonly string _data = Directory.CreateTempSubdirectory("cantus-key-ring-secret-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string File => Path.Combine(_data, KeyRingSecret.FileName);

    [Fact]
    public void TheSetting_WinsOnEitherEngine_AndWritesNoFile()
    {
        Assert.Equal(Configured, KeyRingSecret.Resolve(Configured, DatabaseEngine.Sqlite, accounts: true, _data));
        Assert.Equal(Configured, KeyRingSecret.Resolve($"  {Configured}\n", DatabaseEngine.PostgreSql, accounts: true, _data));
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public void AShortSetting_IsRefusedWithItsLength()
    {
        var refused = Assert.Throws<CantusException>(() => KeyRingSecret.Resolve("too short", DatabaseEngine.PostgreSql, accounts: true, _data));
        Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
        Assert.Contains("Cantus:KeyRingSecret is at least 32 characters", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too short", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnSqlite_ASecretIsMadeOnce_ReadableByItsOwnerOnly()
    {
        var made = KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data);
        Assert.NotNull(made);
        Assert.True(made.Length >= KeyRingCipher.MinSecretLength);
        Assert.Equal(made, KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data));
        Assert.Equal(made, System.IO.File.ReadAllText(File).Trim());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        Assert.Equal([KeyRingSecret.FileName], Directory.GetFiles(_data).Select(Path.GetFileName));
    }

    [Fact]
    public void ProcessesMakingItTogether_AgreeOnOneSecret()
    {
        var secrets = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data)).ToArray();
        Assert.Single(secrets.Distinct());
        Assert.Equal([KeyRingSecret.FileName], Directory.GetFiles(_data).Select(Path.GetFileName));
    }

    [Fact]
    public void AFileOthersMayRead_IsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data);
        System.IO.File.SetUnixFileMode(File, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var refused = Assert.Throws<CantusException>(() => KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedFile_IsRefused()
    {
        System.IO.File.WriteAllText(File, "short\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(File, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var refused = Assert.Throws<CantusException>(() => KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: true, _data));
        Assert.Contains("delete it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnPostgreSql_WithAccounts_TheSettingIsRequired_SayingWhatToSet()
    {
        var refused = Assert.Throws<CantusException>(() => KeyRingSecret.Resolve(null, DatabaseEngine.PostgreSql, accounts: true, _data));
        Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
        Assert.Contains("Cantus__KeyRingSecret", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the same secret on every node", refused.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public void WithoutAccounts_NoSecretIsNeeded_AndNoFileIsMade()
    {
        Assert.Null(KeyRingSecret.Resolve(null, DatabaseEngine.PostgreSql, accounts: false, _data));
        Assert.Null(KeyRingSecret.Resolve(null, DatabaseEngine.Sqlite, accounts: false, _data));
        Assert.False(System.IO.File.Exists(File));
    }
}
