using Npgsql;
using RdvSP.Infrastructure.Seed;

namespace RdvSP.Web.Configuration;

/// <summary>`seed`: loads the demo territory (idempotent) and prints the demo logins.</summary>
internal static class DemoSeed
{
    public static async Task RunAsync(IServiceProvider services, ILogger logger)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var report = await DemoSeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None);
        logger.LogInformation("Demo seed of {Territory}: {Outcome}", report.TerritoryName, report.Seeded ? "inserted" : "already present, nothing inserted");
        // The logins are for people running `make run`: printed on stdout, never logged.
        Console.WriteLine();
        Console.WriteLine($"Territoire de démonstration : {report.TerritoryName}");
        Console.WriteLine("Comptes usagers (http://localhost:5000/users/sign_in) :");
        foreach (var login in report.UsagerLogins)
            Console.WriteLine($"  {login.Email} / {login.Password}");
        Console.WriteLine("Comptes agents (http://localhost:5000/agents/sign_in, puis l'agenda de la semaine) :");
        foreach (var login in report.AgentLogins)
            Console.WriteLine($"  {login.Email} / {login.Password}  ({login.Description})");
        Console.WriteLine();
    }
}
