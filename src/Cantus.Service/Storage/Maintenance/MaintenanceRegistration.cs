using Microsoft.Extensions.DependencyInjection;

namespace Cantus.Service.Storage.Maintenance;

/// <summary>Registers storage maintenance on a node that has the store (a web node, a worker).</summary>
public static class MaintenanceRegistration
{
    /// <summary>
    /// Adds <see cref="StoreMaintenance"/> and, when <see cref="MaintenanceSettings.Enabled"/>, the
    /// background service that runs it on a schedule; needs <see cref="CantusStore"/> and
    /// <see cref="ServicePaths"/> registered.
    /// </summary>
    /// <exception cref="Errors.CantusException">InvalidOptions: a setting is out of range.</exception>
    public static IServiceCollection AddCantusMaintenance(this IServiceCollection services, MaintenanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(sp => new StoreMaintenance(sp.GetRequiredService<CantusStore>(), sp.GetRequiredService<ServicePaths>()));
        if (settings.Enabled) services.AddHostedService<StoreMaintenanceService>();
        return services;
    }
}
