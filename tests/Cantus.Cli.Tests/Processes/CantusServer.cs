using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cantus.Cli.Tests.Processes;

/// <summary>A <c>cantus serve</c> or <c>cantus worker</c> child process, killed with SIGKILL or stopped at the end.</summary>
internal sealed class CantusServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CantusServer(Process process, string? url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string? Url { get; }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static CantusServer Serve(string data, string? db = null, bool worker = true, IEnumerable<string>? extra = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var args = new List<string> { "serve", "--urls", url, "--data", data };
        if (db is not null) args.AddRange(["--db", db]);
        if (!worker) args.Add("--no-worker");
        if (extra is not null) args.AddRange(extra);
        return new CantusServer(Start(args, environment), url);
    }

    public static CantusServer Worker(string data, string db, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Start(["worker", "--db", db, "--data", data], environment), null);

    /// <summary><c>cantus worker</c> with exactly <paramref name="args"/>, in <paramref name="workingDirectory"/> (where it reads appsettings.json) with <paramref name="environment"/> added.</summary>
    public static CantusServer Worker(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Start(["worker", .. args], environment, workingDirectory), null);

    public HttpClient Client() => new() { BaseAddress = new Uri(Url!), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits until <c>/api/health</c> answers 200.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = Client();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"cantus exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"cantus did not answer within {timeout}:\n{Output}");
    }

    /// <summary>Waits until the process printed <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"cantus exited with {_process.ExitCode}:\n{Output}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"cantus did not print '{text}' within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the process to end by itself (a refusal at start) and returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException($"cantus did not exit within {timeout}:\n{Output}");
        _process.WaitForExit(); // the rest of its output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no last checkpoint, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? CliRunner.RepoRoot };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cantus.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
