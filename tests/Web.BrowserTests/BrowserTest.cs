using RdvSP.Infrastructure.Seed;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// One fresh browser context (own cookies) and page per test. Console errors, uncaught script errors
/// and failed requests of our own origin are collected so a test can assert the pages are clean
/// (no CSP violation, no missing DSFR asset).
/// </summary>
public abstract class BrowserTest
{
    private readonly List<string> problems = [];

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected static string BaseUrl => BrowserEnvironment.BaseUrl;

    protected static DemoLogin Usager(string emailStart) =>
        BrowserEnvironment.Seed.UsagerLogins.Single(l => l.Email.StartsWith(emailStart, StringComparison.Ordinal));

    /// <summary>Console errors, page errors and failed same-origin requests seen so far.</summary>
    protected IReadOnlyList<string> Problems
    {
        get { lock (problems) return [.. problems]; }
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        Context = await BrowserEnvironment.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        Context.SetDefaultTimeout(15_000);
        Page = await Context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") Add($"console error on {Page.Url}: {message.Text}");
        };
        Page.PageError += (_, error) =>
        {
            Add($"page error on {Page.Url}: {error}");
        };
        Page.RequestFailed += (_, request) =>
        {
            if (request.Url.StartsWith(BaseUrl, StringComparison.Ordinal)) Add($"request failed: {request.Url} ({request.Failure})");
        };
        Page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(BaseUrl, StringComparison.Ordinal) && response.Status >= 400 && response.Request.ResourceType != "document")
                Add($"HTTP {response.Status} for {response.Url}");
        };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && Page is not null)
        {
            try
            {
                var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}.png");
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                TestContext.AddTestAttachment(file, "page at failure");
                TestContext.Out.WriteLine($"Last URL: {Page.Url}");
                foreach (var problem in Problems) TestContext.Out.WriteLine(problem);
                foreach (var line in BrowserEnvironment.AppLogLines().Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("antiforgery", StringComparison.OrdinalIgnoreCase)).TakeLast(20))
                    TestContext.Out.WriteLine($"app: {line}");
            }
            catch (PlaywrightException)
            {
                // The page may be gone already; the assertion message is what matters.
            }
        }
        if (Context is not null) await Context.CloseAsync();
    }

    /// <summary>One number from the test database (a count, an id), to check what a journey wrote.</summary>
    protected static async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64(await QueryOneAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One text from the test database (a link's token), as a message's reader would have it.</summary>
    protected static async Task<string> TextAsync(string sql) => (string)(await QueryOneAsync(sql))!;

    private static async Task<object?> QueryOneAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(RdvSP.TestKit.TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    protected void ShouldHaveNoBrowserErrors() =>
        Problems.Should().BeEmpty("the pages must load their scripts and styles without console errors (CSP, missing assets)");

    private void Add(string problem)
    {
        lock (problems) problems.Add(problem);
    }
}
