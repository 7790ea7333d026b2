using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cantus.Bench;

/// <summary>
/// A <c>cantus serve</c> process that a benchmark starts on a free local port with a data
/// directory of its own and extra environment (e.g. <c>Cantus__ComposeBatchWaitMs=0</c>), and kills
/// (it and its children, nothing else) when disposed, deleting the data directory.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, Uri url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
    }

    /// <summary>The server's address.</summary>
    public Uri Url { get; }

    /// <summary>The server's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Its data directory (SQLite database and blobs), deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Starts <paramref name="executable"/> (the repository's <c>cantus</c> script, which builds
    /// first when needed, or a published <c>cantus</c>) as <c>serve</c> and waits until
    /// <c>/api/health</c> answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server exited or did not answer within <paramref name="timeout"/>.</exception>
    /// <param name="executable">The cantus script or executable.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="timeout">How long to wait for /api/health.</param>
    /// <param name="dataRoot">Where the data directory is made (null: the temp directory), e.g. /dev/shm to take the disk out of the measurement.</param>
    public static async Task<ServerProcess> StartAsync(string executable, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? dataRoot = null)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var data = dataRoot is null
            ? Directory.CreateTempSubdirectory("cantus-bench-serve-").FullName
            : Directory.CreateDirectory(Path.Combine(dataRoot, "cantus-bench-serve-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(executable))!,
        };
        foreach (var arg in new[] { "serve", "--urls", url.ToString().TrimEnd('/'), "--data", data }) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new ServerProcess(process, url, data);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"{executable} serve exited with code {process.ExitCode}: {server.LastLines()}");
                try
                {
                    if ((await client.GetAsync("/api/health").ConfigureAwait(false)).IsSuccessStatusCode) return server;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                if (clock.Elapsed > timeout) throw new InvalidOperationException($"{executable} serve did not answer at {url} within {timeout.TotalSeconds:0} s: {server.LastLines()}");
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>CPU time (user + system) the server process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The last lines the server wrote (for error messages).</summary>
    public string LastLines()
    {
        lock (_lastLines) return string.Join(" | ", _lastLines);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it has exited meanwhile
        }
        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 5) _lastLines.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
