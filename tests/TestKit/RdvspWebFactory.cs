using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RdvSP.Web.Logging;

namespace RdvSP.TestKit;

/// <summary>
/// The real app in memory (WebApplicationFactory) on the real PostgreSQL and Redis. Settings can be
/// overridden per test; logs go to <see cref="Logs"/> so tests can read the JSON lines.
/// </summary>
public class RdvspWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new()
    {
        ["ConnectionStrings:Postgres"] = TestDatabase.ConnectionString,
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        // Only an app given a mail server sends the outbox (UsagerApp turns it on): a factory left on the
        // default SMTP would claim other tests' e-mails and fail them.
        ["OUTBOX_DISPATCH_IN_WEB"] = "false",
        ["RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE"] = "100000",
        ["RATE_LIMIT_API_PER_MINUTE"] = "100000",
    };

    private readonly List<Action<IServiceCollection>> serviceOverrides = [];

    static RdvspWebFactory()
    {
        // Each app instance would watch its appsettings files for changes: one inotify instance per
        // factory, and the user's limit (128 by default) is reached by a suite that starts hundreds.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public RdvspWebFactory()
    {
        TestDatabase.EnsureMigrated();
    }

    public SynchronizedStringWriter Logs { get; } = new();

    /// <summary>Set when <see cref="WithClock"/> is used: tests move time with it.</summary>
    public FakeTimeProvider? Clock { get; private set; }

    public RdvspWebFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>
    /// E-mails go to <paramref name="smtp"/>; with <paramref name="sendFromWeb"/> the web process also runs the
    /// outbox dispatcher (as the jobs process does in production) and links are built on http://localhost.
    /// </summary>
    public RdvspWebFactory WithSmtp(FakeSmtpServer smtp, bool sendFromWeb = true)
    {
        WithSetting("SMTP_HOST", smtp.Host).WithSetting("SMTP_PORT", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return sendFromWeb ? WithSetting("APP_BASE_URL", "http://localhost").WithSetting("OUTBOX_DISPATCH_IN_WEB", "true") : this;
    }

    public RdvspWebFactory WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    public RdvspWebFactory WithClock(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        return WithServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(new LogOutput(Logs));
            foreach (var configure in serviceOverrides) configure(services);
        });
    }
}

/// <summary>A StringWriter safe for the concurrent writes of a web server.</summary>
public sealed class SynchronizedStringWriter : StringWriter
{
    private readonly Lock gate = new();

    public override void Write(char value) { lock (gate) base.Write(value); }
    public override void Write(string? value) { lock (gate) base.Write(value); }
    public override void Write(char[] buffer, int index, int count) { lock (gate) base.Write(buffer, index, count); }
    public override void WriteLine(string? value) { lock (gate) base.WriteLine(value); }

    public string[] Lines()
    {
        lock (gate) return ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
