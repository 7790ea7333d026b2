using Microsoft.Data.Sqlite;

namespace Cantus.Service.Storage;

/// <summary>A consistent copy of the embedded database while it is in use (SQLite's online backup API), written atomically.</summary>
public static class SqliteBackup
{
    /// <summary>Copies <paramref name="database"/> to <paramref name="target"/> and returns the copy's size in bytes.</summary>
    /// <exception cref="InvalidOperationException">The database is not SQLite.</exception>
    public static long Run(CantusDatabase database, string target)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (database.Engine != DatabaseEngine.Sqlite) throw new InvalidOperationException("Only the embedded SQLite database is backed up this way.");
        var temp = target + Music.IO.AtomicFile.TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var source = (SqliteConnection)database.OpenConnectionAsync().AsTask().GetAwaiter().GetResult())
            using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
            {
                copy.Open();
                source.BackupDatabase(copy);
                using var check = copy.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                var result = check.ExecuteScalar() as string;
                if (result != "ok") throw new InvalidDataException($"The backup failed its integrity check: {result}");
            }
            File.Move(temp, target, overwrite: true);
            return new FileInfo(target).Length;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
