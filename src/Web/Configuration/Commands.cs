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
            if (args[0] == "seed")
            {
                builder.Services.AddApplication().AddInfrastructure(builder.Configuration);
                using var app = builder.Build();
                DemoSeed.RunAsync(app.Services, logger).GetAwaiter().GetResult();
            }
            return 0;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "{Command} failed", args[0]);
            return 1;
        }
    }
}
