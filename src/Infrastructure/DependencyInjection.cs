using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Infrastructure.AddressSearch;
using RdvSP.Infrastructure.Audit;
using RdvSP.Infrastructure.Api;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Booking;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Jobs;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Usagers;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Health;
using RdvSP.Infrastructure.Notifications;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Webhooks;

namespace RdvSP.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        DapperSetup.Configure();

        // PostgreSQL: one pooled data source; one session (connection + transaction) per scope.
        // Npgsql's defaults hold: 15 s to get a connection (a burst of bookings queues on the pool
        // rather than failing), 30 s per command, at most 100 connections per instance.
        var postgres = new NpgsqlConnectionStringBuilder(ConnectionStrings.Postgres(configuration));
        // The search runs the same few statements all day; planning them costs more than running them
        // (the catalogue query plans in ~7 ms, runs in ~1 ms). Npgsql prepares what it sees twice.
        if (postgres.MaxAutoPrepare == 0)
        {
            postgres.MaxAutoPrepare = 64;
            postgres.AutoPrepareMinUsages = 2;
        }
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgres.ConnectionString));
        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<DbSession>());

        // Each module registers its own repositories (SQL beside them, in its own schema).
        services
            .AddOrganisationsPersistence()
            .AddUsagersPersistence()
            .AddAvailabilityPersistence()
            .AddBookingPersistence()
            .AddIdentityPersistence()
            .AddAuditPersistence()
            .AddApiPersistence();

        // Outages are logged once each (not per request), and dependencies report when they are back.
        services.AddSingleton<DependencyMonitor>();

        // Redis: an accelerator shared by the web instances (session cache, throttling counters).
        // It connects in the background and is skipped while down; nothing waits on it.
        var redisConfiguration = ConnectionStrings.Redis(configuration);
        services.AddSingleton(sp => new RedisConnection(redisConfiguration, sp.GetRequiredService<DependencyMonitor>()));
        services.AddHostedService<RedisWarmUp>();
        services.AddSingleton<RdvSP.Application.Identity.Abstractions.IAttemptThrottle, RedisAttemptThrottle>();

        // Data-protection keys (auth and antiforgery cookies) live in PostgreSQL: every instance shares
        // them, and a Redis flush signs nobody out (ADR 0007).
        services.AddDataProtection().SetApplicationName("RdvSP");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));

        // The national address API (BAN); tests point BAN_API_URL at a local stub.
        services.AddHttpClient<IAddressLookup, BanAddressLookup>(client =>
        {
            client.BaseAddress = new Uri((configuration["BAN_API_URL"] ?? "https://api-adresse.data.gouv.fr").TrimEnd('/') + "/");
            client.Timeout = TimeSpan.FromSeconds(3);
        })
        // The adapter logs one Warning with the cause when the BAN fails; HttpClient's own handlers
        // would add a stack trace per failed lookup.
        .RemoveAllLoggers();

        services.AddNotifications(configuration);
        services.AddWebhooks(configuration);
        services.AddJobStorage(configuration);

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        return services;
    }
}
