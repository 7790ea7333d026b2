namespace Cantus.Web.Hosting;

/// <summary>
/// The server's settings, from the configuration section <c>Cantus</c> (appsettings, environment
/// variables <c>Cantus__Data</c>, …, or <c>cantus serve</c>'s options).
/// </summary>
public sealed class CantusWebSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Cantus";

    /// <summary>The data directory (null: <c>$CANTUS_DATA</c>, else the default).</summary>
    public string? Data { get; set; }

    /// <summary>The book-keeping database: a PostgreSQL connection string or URI, or a SQLite file (null: <c>cantus.db</c> in the data directory).</summary>
    public string? Database { get; set; }

    /// <summary>The folder of sample models (null: the shipped <c>models/</c>).</summary>
    public string? SampleModels { get; set; }

    /// <summary>The folder of sample melodies (<c>.mid</c> files) offered by <c>/api/sample-melodies</c> (null: the shipped <c>samples/melodies</c>).</summary>
    public string? SampleMelodies { get; set; }

    /// <summary>Accounts and login when true; one local user without login when false (default, bound to 127.0.0.1).</summary>
    public bool Public { get; set; }

    /// <summary>Run training jobs in this process (default true; false for web nodes of a cluster whose workers run them).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>Load the default model and compose a sample once at start, so that the first Compose is not slower than the rest (default true).</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// The secret the web nodes' shared key ring (sign-in cookies, anti-forgery tokens) is encrypted
    /// under in the database, at least 32 characters, the same on every node; normally from the
    /// environment (<c>Cantus__KeyRingSecret</c>). Null: with accounts, on SQLite a secret generated
    /// into the data directory (<c>key-ring.secret</c>, mode 0600), on PostgreSQL a refusal to start;
    /// without accounts, keys in memory (nothing uses them).
    /// </summary>
    public string? KeyRingSecret { get; set; }

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed:
    /// IP addresses and CIDR networks (<c>10.0.0.0/8</c>), as a list or one comma-separated value
    /// (null or empty: loopback only, 127.0.0.0/8 and ::1). Requests from anywhere else keep their own address.
    /// </summary>
    public string[]? TrustedProxies { get; set; }

    /// <summary>How training jobs are scheduled and run.</summary>
    public Service.Jobs.JobSettings Jobs { get; set; } = new();

    /// <summary>When storage maintenance (blob garbage collection, dataset cache pruning) runs on this node.</summary>
    public Service.Storage.Maintenance.MaintenanceSettings Maintenance { get; set; } = new();

    /// <summary>Sign-in attempts one address may make per minute (default 5; then 429 with Retry-After).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>Requests per second one user (or, before sign-in, one address) may make on a public server (default 50, bursts of 100; then 429 with Retry-After).</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Largest body of a request that is not an upload, e.g. JSON (default 1 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 1L << 20;

    /// <summary>Largest MIDI upload in bytes (default 1 MiB).</summary>
    public long MaxMidiBytes { get; set; } = 1L << 20;

    /// <summary>Largest dataset archive in bytes (default 64 MiB).</summary>
    public long MaxArchiveBytes { get; set; } = 64L << 20;

    /// <summary>Largest model upload (weights + configuration) in bytes (default 256 MiB).</summary>
    public long MaxModelBytes { get; set; } = 256L << 20;

    /// <summary>Longest melody, in windows of the model (default 1024).</summary>
    public int MaxMelodyWindows { get; set; } = 1024;

    /// <summary>
    /// Dynamic batching of compose requests: milliseconds the first request for a model waits for
    /// others to share its generator pass (default 2; at most 32 windows a pass; 0 turns batching off).
    /// </summary>
    public double ComposeBatchWaitMs { get; set; } = 2;
}
