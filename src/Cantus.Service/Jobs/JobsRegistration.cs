using Cantus.Service.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Cantus.Service.Jobs;

/// <summary>
/// Registers the training jobs: Quartz.NET with its ADO.NET job store in the book-keeping
/// database (its tables beside Cantus's, created when missing), so that a job's row and its
/// Quartz job commit in one transaction. On PostgreSQL the schedulers form a cluster (check-in
/// every 5 s, a dead node's jobs recovered after 15 s); SQLite cannot cluster, so one process
/// per SQLite file runs jobs. Jobs are durable and request recovery: a job running when its
/// process died runs again (and resumes from its last checkpoint) when a scheduler starts.
/// </summary>
public static class JobsRegistration
{
    /// <summary>Adds the scheduler, the job runner and the training-jobs use case; <paramref name="runWorker"/> false builds a scheduler that enqueues but runs nothing.</summary>
    public static IServiceCollection AddCantusJobs(this IServiceCollection services, string connection, JobSettings settings, bool runWorker)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        var (engine, connectionString) = CantusDatabase.Resolve(connection);
        services.AddSingleton(settings);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "cantus";
                s.IdleWaitTime = settings.IdleWaitTime;
                if (engine == DatabaseEngine.PostgreSql) s.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(Math.Max(1, settings.WorkerConcurrency));
            q.UsePersistentStore(store =>
            {
                if (engine == DatabaseEngine.PostgreSql)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = settings.CheckinInterval;
                        c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.AcceptEnlistedTransactions = true;
                    o.MisfireThreshold = settings.CheckinMisfireThreshold;
                    o.RecoverFiringsCancelledByShutdown = true;
                });
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = runWorker;
        });
        services.AddTransient<TrainingJobRunner>();
        if (runWorker) services.AddHostedService<JobRescuer>();
        services.AddSingleton<TrainingJobs>();
        return services;
    }
}
