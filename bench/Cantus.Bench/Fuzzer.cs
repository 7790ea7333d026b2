using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace Cantus.Bench;

/// <summary>
/// Seeded mutation fuzzing of every parser a user reaches through the API: MIDI (melody uploads,
/// compositions, composition revisions), safetensors and model.json (model uploads), zip archives
/// (dataset imports) and JSON bodies (training jobs, model edits and clones, sign-in, tokens).
/// Valid seeds are mutated (bit flips, byte runs, inserts, deletes, truncation, splices, boundary
/// values written over length fields), sent for a fixed time, and every answer is counted: a 5xx
/// or a dead server is a finding, kept with the input that caused it. The server's resident memory
/// is sampled the whole time. The same seed gives the same inputs.
/// </summary>
public sealed class Fuzzer
{
    /// <summary>One target: how to send a mutated input.</summary>
    private sealed record Target(string Name, byte[] Seed, Func<HttpClient, byte[], Task<HttpResponseMessage>> Send);

    /// <summary>What a run found.</summary>
    public sealed record Report(int Seed, double Seconds, int Requests, IReadOnlyDictionary<string, IReadOnlyDictionary<int, int>> StatusesByTarget,
        IReadOnlyList<string> Findings, long PeakRssBytes, long StartRssBytes, bool ServerAlive);

    private readonly Random _random;
    private readonly int _seed;
    private readonly List<Target> _targets = [];

    /// <summary>A fuzzer over the seeds: the sample melodies, a model's safetensors and config.</summary>
    public Fuzzer(int seed, IReadOnlyList<byte[]> melodies, byte[] safetensors, byte[] modelJson)
    {
        ArgumentNullException.ThrowIfNull(melodies);
        _seed = seed;
        _random = new Random(seed);
        foreach (var (melody, i) in melodies.Select((m, i) => (m, i)))
        {
            _targets.Add(new Target($"melody upload #{i}", melody, (c, b) => c.PostAsync("/api/melodies", Form(("melody", b, "m.mid")))));
            _targets.Add(new Target($"compose #{i}", melody, (c, b) => c.PostAsync("/api/compositions", Form(("melody", b, "m.mid")))));
        }
        _targets.Add(new Target("composition revision", melodies[0], async (c, b) =>
            await c.PutAsync($"/api/compositions/{await CompositionAsync(c)}/midi", Form(("midi", b, "r.mid"))).ConfigureAwait(false)));
        _targets.Add(new Target("model upload (weights)", safetensors, (c, b) => c.PostAsync("/api/models", Form(("weights", b, "model.safetensors"), ("config", modelJson, "model.json"), "fuzz-model"))));
        _targets.Add(new Target("model upload (config)", modelJson, (c, b) => c.PostAsync("/api/models", Form(("weights", safetensors, "model.safetensors"), ("config", b, "model.json"), "fuzz-model"))));
        _targets.Add(new Target("dataset import (zip)", Zip(melodies), (c, b) => c.PostAsync("/api/datasets", Form(("archive", b, "songs.zip"), "fuzz-set"))));
        var json = new (string Name, string Method, string Path, string Body)[]
        {
            ("training job", "POST", "/api/training-jobs", """{"dataset":"jsb-chorales","name":"fuzz","iterations":100,"batchSize":8,"criticSteps":1,"filters":2,"transposition":"all","split":"train","seed":1,"tags":["chorale"]}"""),
            ("model edit", "PATCH", "/api/models/{model}", """{"name":"fuzz-renamed","description":"d","genre":"g","tags":["a","b"]}"""),
            ("model clone", "POST", "/api/models/bach-chorales/clone", """{"name":"fuzz-clone"}"""),
            ("sign in", "POST", "/api/session", """{"name":"admin","password":"secret"}"""),
            ("token", "POST", "/api/tokens", """{"name":"fuzz token"}"""),
        };
        foreach (var (name, method, path, body) in json)
            _targets.Add(new Target($"JSON: {name}", Encoding.UTF8.GetBytes(body), async (c, b) =>
            {
                var address = path.Replace("{model}", await ModelAsync(c, safetensors, modelJson).ConfigureAwait(false), StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), address) { Content = new ByteArrayContent(b) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                return await c.SendAsync(request).ConfigureAwait(false);
            }));
    }

    private string? _composition;
    private string? _model;

    /// <summary>Sends mutated inputs for <paramref name="duration"/> against the server at <paramref name="client"/>'s address (process <paramref name="serverPid"/>).</summary>
    public async Task<Report> RunAsync(HttpClient client, int serverPid, TimeSpan duration, string? findingsFolder, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var statuses = _targets.ToDictionary(t => t.Name, _ => new Dictionary<int, int>());
        var findings = new List<string>();
        var startRss = Rss(serverPid);
        long peak = startRss;
        var clock = Stopwatch.StartNew();
        var requests = 0;
        var nextReport = TimeSpan.FromSeconds(10);
        var alive = true;
        while (clock.Elapsed < duration)
        {
            var target = _targets[_random.Next(_targets.Count)];
            var input = Mutate(target.Seed);
            int status;
            try
            {
                using var response = await target.Send(client, input).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException ex)
            {
                status = 0;
                alive = ProcessAlive(serverPid);
                findings.Add($"{target.Name}: no answer ({ex.Message}){(alive ? "" : "; the server died")}");
                Keep(findingsFolder, target.Name, requests, input);
                if (!alive) break;
            }
            catch (TaskCanceledException)
            {
                status = -1;
                findings.Add($"{target.Name}: no answer within the client's timeout");
                Keep(findingsFolder, target.Name, requests, input);
            }
            requests++;
            var counts = statuses[target.Name];
            counts[status] = counts.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                findings.Add($"{target.Name}: {status}");
                Keep(findingsFolder, target.Name, requests, input);
            }
            if (requests % 25 == 0) peak = Math.Max(peak, Rss(serverPid));
            if (clock.Elapsed >= nextReport)
            {
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F0} s: {requests} inputs, {findings.Count} findings, server RSS {Rss(serverPid) / 1048576} MB"));
                nextReport += TimeSpan.FromSeconds(10);
            }
        }
        peak = Math.Max(peak, Rss(serverPid));
        return new Report(_seed, clock.Elapsed.TotalSeconds, requests,
            statuses.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<int, int>)kv.Value), findings, peak, startRss, alive && ProcessAlive(serverPid));
    }

    /// <summary>One mutation (or a few stacked) of <paramref name="seed"/>.</summary>
    public byte[] Mutate(byte[] seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var data = new List<byte>(seed);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            if (data.Count == 0) data.Add(0);
            var at = _random.Next(data.Count);
            switch (_random.Next(9))
            {
                case 0: data[at] ^= (byte)(1 << _random.Next(8)); break; // a bit flip
                case 1: data[at] = (byte)_random.Next(256); break; // a random byte
                case 2: // boundary values over what may be a length or a count
                    var values = new byte[][] { [0xFF, 0xFF, 0xFF, 0xFF], [0x7F, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0x80, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0x7F] };
                    var v = values[_random.Next(values.Length)];
                    for (var k = 0; k < v.Length && at + k < data.Count; k++) data[at + k] = v[k];
                    break;
                case 3: data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(64))); break; // a deleted run
                case 4: data.InsertRange(at, Enumerable.Range(0, 1 + _random.Next(64)).Select(_ => (byte)_random.Next(256))); break; // inserted bytes
                case 5: data.RemoveRange(at, data.Count - at); break; // truncation
                case 6: // a run copied from elsewhere (repeats chunks, headers)
                    var from = _random.Next(data.Count);
                    var run = data.GetRange(from, Math.Min(data.Count - from, 1 + _random.Next(256)));
                    data.InsertRange(at, run);
                    break;
                case 7: // text-level: a JSON value replaced by one of another type or size
                    var text = Encoding.UTF8.GetString([.. data]);
                    var replacements = new[] { "null", "-1", "1e309", "9223372036854775808", "\"\"", "[]", "{}", "true", new string('[', 2000), "\"" + new string('x', 70_000) + "\"", "\"\\u0000\"", "0.0000001" };
                    var colon = text.IndexOf(':', _random.Next(Math.Max(1, text.Length)));
                    if (colon >= 0)
                    {
                        var end = text.IndexOfAny([',', '}'], colon);
                        text = text[..(colon + 1)] + replacements[_random.Next(replacements.Length)] + (end >= 0 ? text[end..] : "");
                        data = [.. Encoding.UTF8.GetBytes(text)];
                    }
                    break;
                default: data[at] = (byte)(data[at] + _random.Next(-3, 4)); break; // a small arithmetic change
            }
        }
        return [.. data];
    }

    private static MultipartFormDataContent Form(params (string Field, byte[] Bytes, string FileName)[] files) => Form(files, null);

    private static MultipartFormDataContent Form((string Field, byte[] Bytes, string FileName)[] files, string? name)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes, file) in files) form.Add(new ByteArrayContent(bytes), field, file);
        if (name is not null) form.Add(new StringContent(name + "-" + Guid.NewGuid().ToString("N")[..6]), "name");
        return form;
    }

    private static MultipartFormDataContent Form((string Field, byte[] Bytes, string FileName) file, string name) => Form([file], name);

    private static MultipartFormDataContent Form((string Field, byte[] Bytes, string FileName) a, (string Field, byte[] Bytes, string FileName) b, string name) => Form([a, b], name);

    private async Task<string> CompositionAsync(HttpClient client)
    {
        if (_composition is not null) return _composition;
        using var form = Form(("melody", _targets[0].Seed, "m.mid"));
        using var response = await client.PostAsync("/api/compositions", form).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return _composition = json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> ModelAsync(HttpClient client, byte[] safetensors, byte[] modelJson)
    {
        if (_model is not null) return _model;
        var name = "fuzz-base-" + _seed.ToString(CultureInfo.InvariantCulture);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(safetensors), "weights", "model.safetensors" },
            { new ByteArrayContent(modelJson), "config", "model.json" },
            { new StringContent(name), "name" },
        };
        using var response = await client.PostAsync("/api/models", form).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)) response.EnsureSuccessStatusCode();
        return _model = name;
    }

    private static byte[] Zip(IReadOnlyList<byte[]> melodies)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (m, i) in melodies.Select((m, i) => (m, i)))
            {
                using var entry = zip.CreateEntry($"song-{i}.mid").Open();
                entry.Write(m);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Keeps an input that caused a finding as <c>&lt;target&gt;-&lt;index&gt;.&lt;extension&gt;</c> in <paramref name="folder"/> (nothing when null).</summary>
    internal static void Keep(string? folder, string target, int index, byte[] input, string extension = "bin")
    {
        if (folder is null) return;
        Directory.CreateDirectory(folder);
        var safe = new string(target.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        File.WriteAllBytes(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{safe}-{index}.{extension}")), input);
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The process's resident memory (VmRSS), or 0 when it cannot be read.</summary>
    public static long Rss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
