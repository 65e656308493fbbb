using RdvSP.Web.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace RdvSP.Web.Configuration;

internal static class ObservabilitySetup
{
    /// <summary>
    /// Serilog writes one compact JSON object per line to stdout (12-factor). When SENTRY_DSN is set,
    /// Sentry's logging provider is registered and Serilog forwards its events to the providers
    /// (writeToProviders), so errors reach Sentry without Sentry.Serilog.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var sentryDsn = builder.Configuration["SENTRY_DSN"];
        if (!string.IsNullOrWhiteSpace(sentryDsn))
        {
            builder.WebHost.UseSentry(options =>
            {
                options.Dsn = sentryDsn;
                options.SendDefaultPii = false;
                options.MinimumEventLevel = LogLevel.Error;
                options.MinimumBreadcrumbLevel = LogLevel.Information;
                options.Environment = builder.Configuration["SENTRY_ENVIRONMENT"] ?? builder.Environment.EnvironmentName;
                options.TracesSampleRate = 0;
            });
        }

        builder.Services.AddSerilog(
            (services, configuration) => Configure(configuration, services.GetService<LogOutput>()?.Writer ?? Console.Out, builder.Configuration),
            writeToProviders: !string.IsNullOrWhiteSpace(sentryDsn));
        return builder;
    }

    public static LoggerConfiguration Configure(LoggerConfiguration configuration, TextWriter output, IConfiguration settings)
    {
        var level = Enum.TryParse<LogEventLevel>(settings["LOG_LEVEL"], ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        configuration
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Error)
            .Enrich.FromLogContext()
            .Enrich.With<PersonalDataMaskingEnricher>();
        var lines = new JsonLinesSink(new CompactJsonFormatter(), output);
        // Stdout is written by a background thread: a request never waits for the console (at
        // Information, writing each line synchronously halved the booking burst's throughput). Up to
        // 10 000 pending lines, then lines are dropped rather than requests slowed. A writer given by
        // the tests stays synchronous, so they read the lines at once.
        return ReferenceEquals(output, Console.Out)
            ? configuration.WriteTo.Async(a => a.Sink(lines), bufferSize: 10_000, blockWhenFull: false)
            : configuration.WriteTo.Sink(lines);
    }
}
