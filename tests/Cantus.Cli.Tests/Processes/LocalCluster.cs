using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// <c>deploy/local-cluster</c> as a child process: its own PostgreSQL, web nodes and workers (and
/// nginx with <c>--proxy</c>), running the cantus this test project built. Reads the lines it prints
/// (<c>postgres PID</c>, <c>web PID URL</c>, <c>worker PID</c>, <c>proxy PID URL</c>); stops it with
/// SIGINT, as Ctrl-C would.
/// </summary>
internal sealed partial class LocalCluster : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly int _web, _workers;
    private readonly bool _proxy;

    private LocalCluster(Process process, int web, int workers, bool proxy)
    {
        _process = process;
        _web = web;
        _workers = workers;
        _proxy = proxy;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines) _lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Script => Path.Combine(CliRunner.RepoRoot, "deploy", "local-cluster");

    /// <summary>PostgreSQL's server binaries are installed (the script starts its own server with them).</summary>
    public static bool PostgresInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "initdb")))
        || (Directory.Exists("/usr/lib/postgresql") && Directory.EnumerateDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb"))));

    /// <summary>Debian's nginx is installed (<c>--proxy</c> needs it).</summary>
    public static bool NginxInstalled => File.Exists("/usr/sbin/nginx");

    /// <summary>Starts the script; <paramref name="environment"/> (<c>Cantus__Public=true</c>, …) reaches it and its nodes.</summary>
    public static LocalCluster Start(string data, bool proxy, int web = 2, int workers = 2, int timeoutSeconds = 100, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRunner.RepoRoot };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        foreach (var a in new[]
                 {
                     Script, "--web", web.ToString(CultureInfo.InvariantCulture), "--workers", workers.ToString(CultureInfo.InvariantCulture),
                     "--data", data, "--cantus", Path.Combine(AppContext.BaseDirectory, "cantus.dll"),
                     "--timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture),
                 })
            psi.ArgumentList.Add(a);
        if (proxy) psi.ArgumentList.Add("--proxy");
        return new LocalCluster(Process.Start(psi)!, web, workers, proxy);
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Postgres => Parse().Single(p => p.Kind == "postgres").Pid;

    public IReadOnlyList<(int Pid, string Url)> Web => [.. Parse().Where(p => p.Kind == "web").Select(p => (p.Pid, p.Url!))];

    public IReadOnlyList<int> Workers => [.. Parse().Where(p => p.Kind == "worker").Select(p => p.Pid)];

    public (int Pid, string Url)? Proxy => Parse().Where(p => p.Kind == "proxy").Select(p => ((int, string)?)(p.Pid, p.Url!)).SingleOrDefault();

    /// <summary>Every PID the script printed.</summary>
    public IReadOnlyList<int> Pids => [.. Parse().Select(p => p.Pid)];

    /// <summary>Waits until the script printed a line for PostgreSQL, every web node and worker (and the proxy).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var processes = Parse();
            if (processes.Count(p => p.Kind == "postgres") == 1 && processes.Count(p => p.Kind == "web") == _web
                && processes.Count(p => p.Kind == "worker") == _workers && processes.Count(p => p.Kind == "proxy") == (_proxy ? 1 : 0))
                return;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the last lines
                throw new InvalidOperationException($"local-cluster exited with {_process.ExitCode} before the cluster was up:\n{Describe()}");
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"local-cluster did not bring the cluster up within {timeout}:\n{Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGINT to the script, as Ctrl-C in its terminal.</summary>
    public void Interrupt() => Signal("INT", _process.Id);

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // drains the output
        return true;
    }

    /// <summary>The process no longer runs: it does not exist, or it is a zombie waiting for its parent.</summary>
    public static bool IsGone(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return true;
        }
        var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is "Z" or "X" or "x";
    }

    public string Describe() => $"stdout:\n{string.Join('\n', Lines)}\nstderr:\n{Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Interrupt();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                // The script did not stop its processes: stop them here, so that nothing outlives the test.
                foreach (var pid in Pids.Where(p => !IsGone(p))) Signal("KILL", pid);
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        _process.Dispose();
    }

    private List<(string Kind, int Pid, string? Url)> Parse()
    {
        var list = new List<(string, int, string?)>();
        foreach (var line in Lines)
        {
            var m = LineFormat().Match(line);
            if (m.Success) list.Add((m.Groups["kind"].Value, int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture), m.Groups["url"].Success ? m.Groups["url"].Value : null));
        }
        return list;
    }

    /// <summary>The lines the script prints on standard output, exactly.</summary>
    [GeneratedRegex(@"^(?:(?<kind>postgres|worker) (?<pid>[0-9]+)|(?<kind>web|proxy) (?<pid>[0-9]+) (?<url>http://127\.0\.0\.1:[0-9]+))$")]
    public static partial Regex LineFormat();

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) }, RedirectStandardError = true })!;
        kill.WaitForExit(10_000);
    }
}
