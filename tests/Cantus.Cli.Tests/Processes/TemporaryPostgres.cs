using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// A PostgreSQL server of the test's own, on a temporary directory and a free port, that the test
/// may stop and start (an outage) without disturbing the server other tests share. Needs Debian's
/// postgresql binaries; as root it runs as the postgres system user, like .ci/run.
/// </summary>
internal sealed class TemporaryPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? Binaries =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;

    public TemporaryPostgres()
    {
        _bin = Binaries ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");
        _dir = Directory.CreateTempSubdirectory("cantus-pg-").FullName;
        _port = FreePort();
        if (_asRoot) Run("chown", "postgres:postgres", _dir);
        RunAs(Tool("initdb"), "-D", Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions");
        File.WriteAllText(Path.Combine(_dir, "hba"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        RunAs("cp", Path.Combine(_dir, "hba"), Path.Combine(Data, "pg_hba.conf"));
        Start();
        ConnectionString = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=30";
    }

    public string ConnectionString { get; }

    private string Data => Path.Combine(_dir, "data");

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public void Start() =>
        RunAs(Tool("pg_ctl"), "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_dir} -c fsync=off -c full_page_writes=off", "start");

    /// <summary>Stops the server at once (open connections are cut, as in a crash or a failover).</summary>
    public void Stop() => RunAs(Tool("pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(_dir, recursive: true);
    }

    private string Tool(string name) => Path.Combine(_bin, name);

    private void RunAs(string file, params string[] args)
    {
        if (_asRoot) Run("runuser", ["-u", "postgres", "--", file, .. args]);
        else Run(file, args);
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) p.Kill(entireProcessTree: true);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stdout.Result}{stderr.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
