using Cantus.Service.Storage.Maintenance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cantus.Web.Tests.Hosting;

/// <summary><c>Cantus:Maintenance:*</c>: a web node runs storage maintenance on its schedule, or not at all when told.</summary>
public sealed class StoreMaintenanceHostingTests
{
    private static bool RunsMaintenance(IServiceProvider services) =>
        services.GetServices<IHostedService>().Any(s => s.GetType().Name == "StoreMaintenanceService");

    [Fact]
    public async Task AWebNode_PrunesItsCacheOnTheConfiguredSchedule()
    {
        using var factory = new MaintenanceFactory(("FirstRunDelay", "00:00:00"), ("Interval", "00:00:01"));
        var stale = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "cache", "datasets", new string('b', 64))).FullName;
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-3));

        Assert.Equal(TimeSpan.FromSeconds(1), factory.Services.GetRequiredService<MaintenanceSettings>().Interval);
        Assert.True(RunsMaintenance(factory.Services));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists(stale) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void Disabled_NoPassRuns_AndASettingOutOfRangeStopsTheStart()
    {
        using (var byDefault = new CantusWebFactory())
        {
            Assert.True(RunsMaintenance(byDefault.Services));
            Assert.Equal(TimeSpan.FromHours(1), byDefault.Services.GetRequiredService<MaintenanceSettings>().Interval);
        }
        using (var off = new MaintenanceFactory(("Enabled", "false")))
            Assert.False(RunsMaintenance(off.Services));
        using var wrong = new MaintenanceFactory(("Interval", "00:00:00"));
        var ex = Assert.ThrowsAny<Exception>(() => wrong.Services);
        Assert.Contains("Cantus:Maintenance:Interval must be", ex.ToString(), StringComparison.Ordinal);
    }

    private sealed class MaintenanceFactory(params (string Key, string Value)[] settings) : CantusWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(MaintenanceSettings.Section + ":" + key, value);
        }
    }
}
