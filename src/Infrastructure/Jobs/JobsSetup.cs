using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Audit;
using RdvSP.Infrastructure.Availability.Jobs;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Jobs;

/// <summary>
/// Background jobs: Hangfire on PostgreSQL (schema "hangfire"). Web instances only enqueue; the
/// `jobs` process (Procfile) runs the server and declares the recurring jobs.
/// </summary>
public static class JobsSetup
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static IServiceCollection AddJobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionStrings.Postgres(configuration);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
            }));
        services.AddTransient<RefreshExpiredFlagsJob>();
        services.AddTransient<PurgeOldVersionsJob>();
        return services;
    }

    public static IServiceCollection AddJobServer(this IServiceCollection services)
    {
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            options.Queues = ["default"];
        });
        return services;
    }

    /// <summary>Declares (or updates) every recurring job; idempotent, run at each start of `jobs`.</summary>
    public static void DeclareRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<RefreshExpiredFlagsJob>(
            RefreshExpiredFlagsJob.Id,
            job => job.RunAsync(CancellationToken.None),
            RefreshExpiredFlagsJob.Cron,
            new RecurringJobOptions { TimeZone = Paris });
        jobs.AddOrUpdate<PurgeOldVersionsJob>(
            PurgeOldVersionsJob.Id,
            job => job.RunAsync(CancellationToken.None),
            PurgeOldVersionsJob.Cron,
            new RecurringJobOptions { TimeZone = Paris });
        jobs.AddOrUpdate<RdvSP.Infrastructure.Notifications.AnonymiseOldReceiptsJob>(
            RdvSP.Infrastructure.Notifications.AnonymiseOldReceiptsJob.Id,
            job => job.RunAsync(CancellationToken.None),
            RdvSP.Infrastructure.Notifications.AnonymiseOldReceiptsJob.Cron,
            new RecurringJobOptions { TimeZone = Paris });
        jobs.AddOrUpdate<RdvSP.Application.Booking.WaitingList.WaitingListNotifications>(
            RdvSP.Application.Booking.WaitingList.WaitingListNotifications.JobId,
            job => job.RunAsync(CancellationToken.None),
            RdvSP.Application.Booking.WaitingList.WaitingListNotifications.Cron,
            new RecurringJobOptions { TimeZone = Paris });
    }
}
