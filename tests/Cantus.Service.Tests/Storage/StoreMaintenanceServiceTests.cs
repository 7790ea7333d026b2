using System.Net;
using System.Net.Sockets;
using Cantus.Service.Errors;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;
using Cantus.Service.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cantus.Service.Tests.Storage;

/// <summary>The scheduled pass on a node: it runs, logs one line, and never takes the node down.</summary>
public sealed class StoreMaintenanceServiceTests(SqliteStoreFixture fixture) : IClassFixture<SqliteStoreFixture>, IDisposable
{
    private readonly TestClock clock = new();
    private readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    private ServicePaths Paths => new() { DataDirectory = dir["data"] };

    private static StoreMaintenanceService Service(CantusStore store, ServicePaths paths, MaintenanceSettings settings, ListLogger<StoreMaintenanceService> log) =>
        new(new StoreMaintenance(store, paths), settings, log);

    [Fact]
    public async Task ItRunsAfterTheFirstDelay_ThenEveryInterval_AndLogsALinePerPass()
    {
        await using var store = await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options with { Time = clock });
        var first = await store.Blobs.PutTextAsync("first " + StoreIds.New());
        clock.Advance(TimeSpan.FromHours(2));
        var log = new ListLogger<StoreMaintenanceService>();
        using var service = Service(store, Paths, new MaintenanceSettings { FirstRunDelay = TimeSpan.FromMilliseconds(300), Interval = TimeSpan.FromSeconds(1) }, log);

        await service.StartAsync(CancellationToken.None);
        Assert.True(await store.Blobs.ExistsAsync(first)); // not at once: a node's start is busy enough
        await WaitForAsync(async () => !await store.Blobs.ExistsAsync(first));
        var second = await store.Blobs.PutTextAsync("second " + StoreIds.New());
        clock.Advance(TimeSpan.FromHours(2));
        await WaitForAsync(async () => !await store.Blobs.ExistsAsync(second));
        await service.StopAsync(CancellationToken.None);

        var lines = log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();
        Assert.True(lines.Count >= 2, string.Join('\n', lines));
        Assert.All(lines, l => Assert.StartsWith("Storage maintenance: deleted ", l, StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("Storage maintenance: deleted 1 blob (", StringComparison.Ordinal)));
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotAnswer_SkipsThePassQuietly()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        await using var store = new CantusStore(CantusDatabase.Open($"Host=127.0.0.1;Port={port};Username=cantus;Timeout=2"));
        var log = new ListLogger<StoreMaintenanceService>();
        using var service = Service(store, Paths, new MaintenanceSettings(), log);

        Assert.Null(await service.RunOnceAsync(CancellationToken.None));
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains("does not answer", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyOtherFailure_IsLogged_AndTheNodeGoesOn()
    {
        var store = await CantusStore.OpenAsync((await fixture.CreateDatabaseAsync())!, fixture.Options);
        await store.DisposeAsync(); // every use now throws ObjectDisposedException
        var log = new ListLogger<StoreMaintenanceService>();
        using var service = Service(store, Paths, new MaintenanceSettings { FirstRunDelay = TimeSpan.Zero, Interval = TimeSpan.FromSeconds(1) }, log);

        await service.StartAsync(CancellationToken.None);
        await WaitForAsync(() => Task.FromResult(log.Entries.Count(e => e.Level == LogLevel.Error) >= 2)); // failed twice, and still running
        Assert.False(service.ExecuteTask!.IsCompleted);
        await service.StopAsync(CancellationToken.None);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        Assert.All(log.Entries, e => Assert.IsType<ObjectDisposedException>(e.Exception));
    }

    [Fact]
    public void Settings_OutOfRangeAreRefused_NamingTheKey()
    {
        new MaintenanceSettings().Validate();
        new MaintenanceSettings { OlderThan = TimeSpan.FromMinutes(1), FirstRunDelay = TimeSpan.Zero, Interval = TimeSpan.FromSeconds(1) }.Validate();
        foreach (var (settings, key) in new[]
                 {
                     (new MaintenanceSettings { Interval = TimeSpan.Zero }, "Cantus:Maintenance:Interval"),
                     (new MaintenanceSettings { FirstRunDelay = TimeSpan.FromSeconds(-1) }, "Cantus:Maintenance:FirstRunDelay"),
                     (new MaintenanceSettings { OlderThan = TimeSpan.FromSeconds(30) }, "Cantus:Maintenance:OlderThan"),
                 })
        {
            var refused = Assert.Throws<CantusException>(settings.Validate);
            Assert.Equal(ErrorKind.InvalidOptions, refused.Kind);
            Assert.StartsWith(key + " must be", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Registration_AddsTheScheduledPassOnlyWhenEnabled()
    {
        static int HostedServices(MaintenanceSettings settings) =>
            new ServiceCollection().AddCantusMaintenance(settings).Count(d => d.ServiceType == typeof(IHostedService));
        Assert.Equal(1, HostedServices(new MaintenanceSettings()));
        Assert.Equal(0, HostedServices(new MaintenanceSettings { Enabled = false }));
        Assert.Throws<CantusException>(() => new ServiceCollection().AddCantusMaintenance(new MaintenanceSettings { Interval = TimeSpan.Zero }));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 20 s");
            await Task.Delay(50);
        }
    }
}
