using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Cantus.Bench;

/// <summary>
/// Training throughput against the number of workers, on deploy/local-cluster: for each worker
/// count, the same jobs run on a fresh cluster; after a warm-up the aggregate iterations per second
/// are measured over a window, with PostgreSQL's load in that window (rows inserted and updated,
/// bytes the database grew, per iteration and per checkpoint, from pg_stat_user_tables and the
/// blobs table), so that a cluster of more machines can be sized on paper.
/// </summary>
internal static class ClusterTrainBenchmark
{
    public sealed record Run(int Workers, int Jobs, double Seconds, long Iterations, double IterationsPerSecond, long RowsWritten, long Checkpoints,
        long CheckpointBytes, long DatabaseGrowthBytes, IReadOnlyDictionary<string, long> RowsByTable)
    {
        public double RowsPerIteration => Iterations == 0 ? 0 : (double)RowsWritten / Iterations;
        public double BytesPerIteration => Iterations == 0 ? 0 : (double)(DatabaseGrowthBytes - CheckpointBytes) / Iterations;
        public double BytesPerCheckpoint => Checkpoints == 0 ? 0 : (double)CheckpointBytes / Checkpoints;
    }

    /// <summary>The job every run trains (a small network so that a run measures in a minute; the figures scale with it).</summary>
    public static object JobRequest(int i, int checkpointEvery, bool shipped = false) => shipped
        ? new
        {
            // The shipped model's recipe (models/bach-chorales): its architecture, batch and critic steps.
            dataset = "jsb-chorales", name = $"bench-{i}", seed = i, iterations = 1_000_000, batchSize = 64, criticSteps = 5, filters = 16, conditionOctaves = (int?)3,
            lowestPitch = 36, pitches = 64, latentChannels = 512, transposition = "all", checkpointEvery, keepCheckpoints = 10_000, metricsEvery = 100, evaluationSamples = 8,
            previewSamples = 2,
        }
        : (object)new
        {
            dataset = "jsb-chorales", name = $"bench-{i}", seed = i, iterations = 1_000_000, batchSize = 16, criticSteps = 5, filters = 8, conditionOctaves = (int?)null,
            lowestPitch = 36, pitches = 64, latentChannels = 32, transposition = "none", checkpointEvery, keepCheckpoints = 10_000, metricsEvery = 100, evaluationSamples = 8,
            previewSamples = 2,
        };

    public static async Task<Run> MeasureAsync(string repo, int workers, int jobs, int checkpointEvery, TimeSpan warmUp, TimeSpan window, Action<string> log, bool shipped = false)
    {
        using var cluster = await LocalClusterProcess.StartAsync(repo, 1, workers, proxy: false, TimeSpan.FromMinutes(4)).ConfigureAwait(false);
        var url = cluster.WebUrls[0];
        var database = cluster.Database!;
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < jobs; i++)
            (await client.PostAsJsonAsync("/api/training-jobs", JobRequest(i, checkpointEvery, shipped)).ConfigureAwait(false)).EnsureSuccessStatusCode();
        log($"{workers} worker(s): {jobs} jobs submitted; warming up {warmUp.TotalSeconds:F0} s");
        await Task.Delay(warmUp).ConfigureAwait(false);
        await using var pg = new NpgsqlConnection(database);
        await pg.OpenAsync().ConfigureAwait(false);
        var before = await SnapshotAsync(client, pg).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window).ConfigureAwait(false);
        var after = await SnapshotAsync(client, pg).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var (checkpoints, bytes) = await CheckpointsAsync(pg, before.At, after.At).ConfigureAwait(false);
        var rows = after.Rows.ToDictionary(kv => kv.Key, kv => kv.Value - before.Rows.GetValueOrDefault(kv.Key));
        var iterations = after.Iterations - before.Iterations;
        return new Run(workers, jobs, seconds, iterations, iterations / seconds, rows.Values.Sum(), checkpoints, bytes, after.Size - before.Size,
            rows.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    private sealed record Snapshot(DateTimeOffset At, long Iterations, long Size, Dictionary<string, long> Rows);

    private static async Task<Snapshot> SnapshotAsync(HttpClient client, NpgsqlConnection pg)
    {
        var jobs = await client.GetFromJsonAsync<JsonElement>("/api/training-jobs?limit=100").ConfigureAwait(false);
        var iterations = jobs.EnumerateArray().Sum(j => (long)j.GetProperty("progress").GetProperty("iteration").GetInt32());
        // Statistics are sent to the collector on a delay: ask for a fresh view.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", pg)) await clear.ExecuteNonQueryAsync().ConfigureAwait(false);
        var rows = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand("SELECT relname, n_tup_ins + n_tup_upd FROM pg_stat_user_tables", pg))
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            while (await reader.ReadAsync().ConfigureAwait(false)) rows[reader.GetString(0)] = reader.GetInt64(1);
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database()), now()", pg);
        await using var r = await size.ExecuteReaderAsync().ConfigureAwait(false);
        await r.ReadAsync().ConfigureAwait(false);
        return new Snapshot(r.GetFieldValue<DateTimeOffset>(1), iterations, r.GetInt64(0), rows);
    }

    private static async Task<(long Count, long Bytes)> CheckpointsAsync(NpgsqlConnection pg, DateTimeOffset from, DateTimeOffset to)
    {
        // The jobs keep every checkpoint (keepCheckpoints), so the window's are all in job_checkpoints.
        await using var command = new NpgsqlCommand(
            "SELECT count(*), coalesce(sum(b.length), 0) FROM job_checkpoints k JOIN blobs b ON b.sha256 = k.blob_sha256 WHERE k.created_at BETWEEN @from AND @to", pg);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
