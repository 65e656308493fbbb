using Npgsql;
using RdvSP.Infrastructure.Seed;
using RdvSP.TestKit;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// Once per run: the demo territory freshly seeded, the BAN stub, the app on a real port and one
/// headless Chromium (the system one: no browser is ever downloaded). Tests open their own context.
/// </summary>
[SetUpFixture]
public sealed class BrowserEnvironment
{
    public const string ValenceAddress = "12 Rue de la République 26000 Valence";

    private static BanStubServer? ban;
    private static BrowserAppFactory? app;
    private static IPlaywright? playwright;
    private static IBrowser? browser;
    private static string? baseUrl;

    public static string BaseUrl => baseUrl ?? throw new InvalidOperationException("The browser environment is not started.");

    public static IBrowser Browser => browser ?? throw new InvalidOperationException("The browser environment is not started.");

    public static DemoSeedReport Seed { get; private set; } = null!;

    /// <summary>The app's JSON log lines (printed when a test fails).</summary>
    public static string[] AppLogLines() => app?.Logs.Lines() ?? [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        await TestDatabase.ResetAsync();
        await TestRedis.ClearThrottlesAsync();
        await using (var dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString))
            Seed = await DemoSeeder.SeedAsync(dataSource, TimeProvider.System, CancellationToken.None);

        ban = new BanStubServer().WithAddress(ValenceAddress, "26362", "26, Drôme, Auvergne-Rhône-Alpes", "26362_7890_00012", 44.9334, 4.8924);
        app = new BrowserAppFactory(ban.BaseUrl);
        baseUrl = app.Start();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        if (ban is not null) await ban.DisposeAsync();
    }

    /// <summary>
    /// A fresh usager with a confirmed account (password <see cref="BookingWorld.Password"/>), for a test that
    /// changes or deletes its account without disturbing the demo usagers.
    /// </summary>
    public static async Task<DemoLogin> NewUsagerAsync(string firstName)
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@example.fr";
        var services = (app ?? throw new InvalidOperationException("The browser environment is not started.")).Services;
        await new BookingWorld(services).AddUsagerAsync(email, firstName, "Essai");
        return new DemoLogin(email, BookingWorld.Password, $"{firstName} Essai");
    }

    /// <summary>The app's services, for a test that adds its own data.</summary>
    public static IServiceProvider AppServices => (app ?? throw new InvalidOperationException("The browser environment is not started.")).Services;

    /// <summary>A back-office territory of its own (organisations, agents of every role, a plage, RDVs), next to the demo data.</summary>
    public static Task<BackOfficeWorld> NewBackOfficeWorldAsync() => new BackOfficeWorld(AppServices).CreateAsync();

    private static string ChromiumPath()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/google-chrome"];
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException("No Chromium found: run scripts/services.sh (installs /usr/bin/chromium) or set CHROMIUM_PATH.");
    }
}
