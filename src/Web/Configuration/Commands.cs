using Hangfire;
using Serilog;
using RdvSP.Infrastructure.Jobs;
using RdvSP.Infrastructure.Notifications;
using RdvSP.Infrastructure.Webhooks;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Web.Configuration;

/// <summary>One-shot commands run by the same binary as the web process.</summary>
internal static class Commands
{
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.AddObservability();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("RdvSP.Migrations");
        try
        {
            var connectionString = ConnectionStrings.Postgres(builder.Configuration);
            var applied = DatabaseMigrator.Migrate(connectionString, logger, createDatabase: builder.Environment.IsDevelopment());
            logger.LogInformation("{Count} migration script(s) applied", applied.Count);
            if (args[0] == "jobs")
                return RunJobs(args[1..]);
            if (args[0] == "seed")
            {
                builder.Services.AddApplication().AddInfrastructure(builder.Configuration);
                using var app = builder.Build();
                DemoSeed.RunAsync(app.Services, logger).GetAwaiter().GetResult();
            }
            if (args[0] == "seed-load")
            {
                using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
                var seeded = RdvSP.Infrastructure.Seed.LoadTerritorySeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
                logger.LogInformation("Load territory: {Outcome}", seeded ? "inserted" : "already present, nothing inserted");
            }
            if (args[0] == "seed-agent-load")
            {
                using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
                var seeded = RdvSP.Infrastructure.Seed.AgentSpaceLoadSeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
                logger.LogInformation("Agent-space load organisation: {Outcome}", seeded ? "inserted" : "already present, nothing inserted");
            }
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogCritical(ex, "{Command} failed", args[0]);
            return 1;
        }
    }

    /// <summary>`jobs`: the Hangfire server, outbox and webhook dispatcher process (migrations already applied above), until stopped.</summary>
    private static int RunJobs(string[] args)
    {
        // A plain host: no web server in this process, same configuration and JSON logs as `web`.
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSerilog((services, configuration) => ObservabilitySetup.Configure(configuration, Console.Out, builder.Configuration));
        builder.Services.AddApplication().AddInfrastructure(builder.Configuration).AddJobServer().AddOutboxDispatcher().AddWebhookDispatcher();
        using var host = builder.Build();
        JobsSetup.DeclareRecurringJobs(host.Services.GetRequiredService<IRecurringJobManager>());
        host.Run();
        return 0;
    }
}
