using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Cantus.Cli.Tests.Processes;

/// <summary>
/// A public cluster as deploy/local-cluster starts it (<c>Cantus__Public=true</c>): two web nodes on
/// PostgreSQL started together behind nginx. Exactly one creates the administrator; a sign-in
/// through the proxy is accepted by both nodes (they share the key ring in the database), changes
/// with its anti-forgery token too; and the sign-in limit counts each client nginx forwards for
/// (clients connecting from 127.0.0.3 and 127.0.0.4), not nginx.
/// </summary>
public sealed partial class PublicClusterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cantus-public-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [ProxiedClusterFact]
    public async Task BehindNginx_OneAdministrator_OneSignInForEveryNode_AndALimitPerClient()
    {
        var environment = new Dictionary<string, string> { ["Cantus__Public"] = "true", ["Cantus__SignInAttemptsPerMinute"] = "3" };
        using var cluster = LocalCluster.Start(Directory.CreateDirectory(Path.Combine(_root, "data")).FullName, proxy: true, web: 2, workers: 0, environment: environment);
        await cluster.WaitReadyAsync(TimeSpan.FromSeconds(120));
        output.WriteLine(cluster.Describe());

        // The administrator: made by exactly one of the two nodes that started together.
        var adminLog = await AdminLogAsync(cluster);
        var logs = Directory.GetFiles(Path.GetDirectoryName(adminLog)!, "web-*.log");
        Assert.Equal(2, logs.Length);
        Assert.Single(logs, log => File.ReadAllText(log).Contains("created the administrator", StringComparison.Ordinal));
        var password = AdminPassword().Match(await File.ReadAllTextAsync(adminLog)).Groups["password"].Value;
        Assert.NotEmpty(password);

        // Signed in through nginx: the cookie works on each node, and so do changes with the anti-forgery token.
        var proxy = new Uri(cluster.Proxy!.Value.Url);
        var cookies = new CookieContainer();
        using var browser = From("127.0.0.2", proxy, cookies);
        var signIn = await browser.PostAsJsonAsync("/api/session", new { name = "admin", password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Created, (await browser.PostAsJsonAsync("/api/tokens", new { name = $"through nginx {i}" })).StatusCode);
        foreach (var (_, url) in cluster.Web)
        {
            using var direct = new HttpClient { BaseAddress = new Uri(url) };
            direct.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(proxy));
            var session = await direct.GetFromJsonAsync<JsonElement>("/api/session");
            Assert.True(session.GetProperty("user").ValueKind == JsonValueKind.Object, $"{url} does not know the cookie: {session}");
            Assert.Equal("admin", session.GetProperty("user").GetProperty("name").GetString());
        }

        // Wrong passwords from one client until refused (3 a minute on each of the two nodes); another client is not held back.
        using var guesser = From("127.0.0.3", proxy, new CookieContainer());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add((await guesser.PostAsJsonAsync("/api/session", new { name = "admin", password = "not the password" })).StatusCode);
        output.WriteLine($"127.0.0.3: {string.Join(' ', statuses.Select(s => (int)s))}");
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using var other = From("127.0.0.4", proxy, new CookieContainer());
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsJsonAsync("/api/session", new { name = "admin", password = "not the password" })).StatusCode);
    }

    /// <summary>The web node's log the script names as holding the administrator's password.</summary>
    private static async Task<string> AdminLogAsync(LocalCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var match = AdminLogLine().Match(cluster.Stderr);
            if (match.Success) return match.Groups["log"].Value.Trim();
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"local-cluster did not say where the administrator's password is:\n{cluster.Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (an address of the loopback network), as another machine's would.</summary>
    private static HttpClient From(string source, Uri baseAddress, CookieContainer cookies) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex(@"accounts: the administrator's password is in (?<log>\S+)")]
    private static partial Regex AdminLogLine();

    [GeneratedRegex(@"created the administrator 'admin' with the password (?<password>\S+) ")]
    private static partial Regex AdminPassword();
}
