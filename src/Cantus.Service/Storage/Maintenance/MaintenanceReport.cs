using System.Globalization;
using Cantus.Service.Datasets;
using Cantus.Service.Storage.Blobs;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>What one pass of storage maintenance deleted, or in a dry run would delete.</summary>
/// <param name="OlderThan">Only what was last stored or used longer ago than this went.</param>
/// <param name="DryRun">Nothing was deleted: the counts are what would have gone.</param>
/// <param name="Blobs">The blobs collected, or null when another node of the cluster was collecting them (this node's turn comes at its next pass).</param>
/// <param name="Cache">What went from this node's dataset cache.</param>
public sealed record MaintenanceReport(TimeSpan OlderThan, bool DryRun, BlobSweep? Blobs, CacheSweep Cache)
{
    /// <summary>One line: "deleted 3 blobs (1.2 MiB) and 1 dataset cache folder (40.0 MiB) unused for over 1h".</summary>
    public string Describe()
    {
        var blobs = Blobs is null
            ? "no blobs (another node is collecting them)"
            : $"{Count(Blobs.Count, "blob")} ({Size(Blobs.Bytes)})";
        return $"{(DryRun ? "would delete" : "deleted")} {blobs} and {Count(Cache.Folders, "dataset cache folder")} ({Size(Cache.Bytes)}) " +
            $"unused for over {OptionValues.FormatDuration(OlderThan)}";
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>"0 B", "512 B", "1.5 KiB", "40.0 MiB", "2.1 GiB".</summary>
    internal static string Size(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        var value = (double)bytes;
        var unit = 0;
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        do
        {
            value /= 1024;
            unit++;
        }
        while (value >= 1024 && unit < units.Length);
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit - 1];
    }
}
