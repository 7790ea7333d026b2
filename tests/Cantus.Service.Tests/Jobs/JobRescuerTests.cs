using Cantus.Service.Jobs;
using Cantus.Service.Storage;
using Cantus.Service.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Cantus.Service.Tests.Jobs;

/// <summary>
/// The rescuer on a real scheduler (in standby, so nothing fires) over each engine: a silent job
/// that nothing will run is scheduled again so that it can fire, including when a firing of a
/// scheduler that died unrecovered would keep any new trigger blocked; a job that waits to fire,
/// or whose run still writes, is left alone.
/// </summary>
public abstract class JobRescuerTests(StoreFixture fixture) : IAsyncLifetime
{
    private static readonly JobSettings Settings = new() { RescueAfter = TimeSpan.FromMinutes(2) };
    private ServiceProvider? _services;
    private CantusStore? _store;
    private IScheduler? _scheduler;

    private CantusStore Store => _store!;
    private IScheduler Scheduler => _scheduler!;

    public async Task InitializeAsync()
    {
        var connection = await fixture.CreateDatabaseAsync();
        if (connection is null) return;
        _store = await CantusStore.OpenAsync(connection, fixture.Options);
        var services = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton(_store);
        services.AddCantusJobs(connection, Settings, runWorker: false);
        _services = services.BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler(); // not started: nothing fires
    }

    public async Task DisposeAsync()
    {
        if (_scheduler is not null) await _scheduler.Shutdown();
        if (_services is not null) await _services.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }

    private JobRescuer Rescuer() => new(Store, _services!.GetRequiredService<ISchedulerFactory>(), Settings, NullLogger<JobRescuer>.Instance);

    private async Task<string> SilentJobAsync()
    {
        var job = await Store.NewJobAsync(await Store.NewUserAsync());
        await TrainingJobs.EnqueueAsync(Scheduler, job.Id, CancellationToken.None);
        return job.Id;
    }

    private async Task<List<TriggerState>> StatesAsync(string id)
    {
        var states = new List<TriggerState>();
        foreach (var t in await Scheduler.GetTriggersOfJob(new JobKey(id, TrainingJobRunner.Group)))
            states.Add(await Scheduler.GetTriggerState(t.Key));
        return states;
    }

    /// <summary>What a scheduler that fired the job and then died leaves when no one recovers it: the trigger gone, a firing row naming a dead instance.</summary>
    private async Task LeaveADeadFiringAsync(string id)
    {
        var trigger = Assert.Single(await Scheduler.GetTriggersOfJob(new JobKey(id, TrainingJobRunner.Group)));
        await Scheduler.UnscheduleJob(trigger.Key);
        await using var connection = await Store.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time, priority, state, job_name, job_group, is_nonconcurrent, requests_recovery)
            VALUES ('cantus', 'dead-entry-1', 'gone', 'training', 'dead-node', 1, 1, 5, 'EXECUTING', @id, 'training', TRUE, TRUE)
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
    }

    [StoreFact]
    public async Task ASilentJobWithADeadFiring_IsScheduledToFire_NotBlocked()
    {
        var id = await SilentJobAsync();
        await LeaveADeadFiringAsync(id);
        await TrainingJobs.EnqueueAsync(Scheduler, id, CancellationToken.None);
        Assert.Equal([TriggerState.Blocked], await StatesAsync(id)); // what the scheduler alone does with it: wait forever
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(1, await Rescuer().RescueAsync(CancellationToken.None));

        Assert.Equal([TriggerState.Normal], await StatesAsync(id));
        Assert.Equal(0, await Rescuer().RescueAsync(CancellationToken.None)); // now it waits to fire: left alone
    }

    [StoreFact]
    public async Task ASilentJobWithNoTrigger_IsScheduledAgain()
    {
        var id = await SilentJobAsync();
        await Scheduler.UnscheduleJob(Assert.Single(await Scheduler.GetTriggersOfJob(new JobKey(id, TrainingJobRunner.Group))).Key);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(1, await Rescuer().RescueAsync(CancellationToken.None));
        Assert.Equal([TriggerState.Normal], await StatesAsync(id));
    }

    [StoreFact]
    public async Task AJobWaitingToFire_OrWrittenRecently_IsLeftAlone()
    {
        var waiting = await SilentJobAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        var recent = await SilentJobAsync(); // created now: not silent
        await LeaveADeadFiringAsync(recent);

        Assert.Equal(0, await Rescuer().RescueAsync(CancellationToken.None));
        Assert.Equal([TriggerState.Normal], await StatesAsync(waiting));
        Assert.Empty(await StatesAsync(recent));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : JobRescuerTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : JobRescuerTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
