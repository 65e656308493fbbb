using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Notifications;
using RdvSP.Infrastructure.Notifications.Sms;

namespace RdvSP.Infrastructure.Notifications;

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SmtpSettings.FromConfiguration(configuration));
        AddEmailTransport(services, configuration);
        services.AddScoped<INotificationOutbox, OutboxRepository>();
        services.AddScoped<IRdvNotificationReader, RdvNotificationReader>();
        services.AddScoped<IRdvNotifier, RdvNotifier>();
        services.AddScoped<RdvSP.Application.Notifications.AgentSchedule.IAgentScheduleReader, AgentScheduleReader>();
        services.AddScoped<RdvSP.Application.Notifications.AgentSchedule.IAgentScheduleNotifier, RdvSP.Application.Notifications.AgentSchedule.AgentScheduleNotifier>();
        services.AddScoped<RdvSP.Application.Notifications.Webcal.IAgentCalendarFeed, AgentCalendarFeed>();
        services.AddScoped<RdvSP.Application.Booking.AgentRdvs.IRdvReceiptsReader, RdvReceiptsReader>();
        AddSmsProviders(services, configuration);
        // Links in e-mails: the configured public address (APP_BASE_URL), never the request's Host header.
        var baseUrl = configuration["APP_BASE_URL"] is { Length: > 0 } configured ? configured : AppUrls.DefaultBaseUrl;
        services.AddSingleton(new AppUrls(new Uri(baseUrl, UriKind.Absolute)));
        // Application service built on the outbox port (issues a token, then queues its e-mail).
        services.AddScoped<AccountMailer>();
        // Recurring job (declared by JobsSetup in the `jobs` process).
        services.AddTransient<AnonymiseOldReceiptsJob>();
        return services;
    }

    /// <summary>
    /// EMAIL_TRANSPORT chooses how e-mails leave: <c>smtp</c> (the relay of SMTP_*, Brevo in production),
    /// <c>brevo_api</c> (Brevo's REST API, BREVO_API_KEY) or <c>folder</c> (development: .eml files in
    /// MAIL_PICKUP_DIRECTORY). Unset: <c>folder</c> when MAIL_PICKUP_DIRECTORY is set (as `make run`
    /// does), else <c>smtp</c>. A value that cannot work stops the start with the reason.
    /// </summary>
    private static void AddEmailTransport(IServiceCollection services, IConfiguration configuration)
    {
        var pickup = configuration["MAIL_PICKUP_DIRECTORY"] is { Length: > 0 } folder ? folder : null;
        var transport = configuration["EMAIL_TRANSPORT"] is { Length: > 0 } configured
            ? configured.Trim().ToLowerInvariant()
            : pickup is not null ? "folder" : "smtp";
        switch (transport)
        {
            case "smtp":
                services.AddSingleton<IEmailSender, SmtpEmailSender>();
                break;
            case "folder":
                if (pickup is null) throw new InvalidOperationException("EMAIL_TRANSPORT=folder needs MAIL_PICKUP_DIRECTORY (the folder the e-mails are written to).");
                services.AddSingleton<IEmailSender>(sp => ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(sp, Path.GetFullPath(pickup)));
                break;
            case "brevo_api":
                var settings = new BrevoEmailSettings(
                    new Uri(configuration["BREVO_API_URL"] is { Length: > 0 } url ? url.TrimEnd('/') + "/" : "https://api.brevo.com/"),
                    configuration["BREVO_API_KEY"] is { Length: > 0 } key ? key : throw new InvalidOperationException("EMAIL_TRANSPORT=brevo_api needs BREVO_API_KEY."),
                    TimeSpan.FromSeconds(int.TryParse(configuration["BREVO_EMAIL_TIMEOUT_SECONDS"], out var seconds) && seconds > 0 ? seconds : 10));
                services.AddSingleton(settings);
                // Typed client held by the dispatcher (a singleton): pooled connections are recycled every
                // 5 minutes so DNS changes are followed, and the factory never rotates the handler under it.
                services.AddHttpClient<BrevoEmailSender>(client =>
                    {
                        client.BaseAddress = settings.BaseUrl;
                        client.Timeout = settings.Timeout;
                    })
                    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                    .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
                services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<BrevoEmailSender>());
                break;
            default:
                throw new InvalidOperationException($"EMAIL_TRANSPORT={transport} is unknown: use smtp, brevo_api or folder.");
        }
    }

    /// <summary>
    /// SMS providers, each an HttpClient with a 5 s timeout (a hanging provider costs one attempt, then a
    /// retry); their base URLs are configurable so tests point them at local stub servers.
    /// </summary>
    private static void AddSmsProviders(IServiceCollection services, IConfiguration configuration)
    {
        void Client(string name, string urlSetting, string defaultUrl) =>
            services.AddHttpClient(name, client =>
            {
                client.BaseAddress = new Uri(configuration[urlSetting] is { Length: > 0 } url ? url.TrimEnd('/') + "/" : defaultUrl);
                client.Timeout = TimeSpan.FromSeconds(5);
            });
        Client(BrevoSmsProvider.ProviderName, "BREVO_API_URL", "https://api.brevo.com/");
        Client(NetsizeSmsProvider.ProviderName, "NETSIZE_API_URL", "https://europe.ipx.com/");
        Client(CleverSmsProvider.ProviderName, "CLEVER_API_URL", "https://webservicesmultimedias.clever-is.fr/");
        services.AddSingleton<ISmsProvider, BrevoSmsProvider>();
        services.AddSingleton<ISmsProvider, NetsizeSmsProvider>();
        services.AddSingleton<ISmsProvider, CleverSmsProvider>();
        services.AddSingleton<ISmsProvider, SfrMail2SmsProvider>();
        services.AddSingleton<ISmsProvider, LogSmsProvider>();
        services.AddSingleton<SmsProviderSelector>();
    }

    /// <summary>The outbox dispatcher (a hosted service): always in the `jobs` process, in `web` when <see cref="DispatchInWeb"/>.</summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services)
    {
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>
    /// OUTBOX_DISPATCH_IN_WEB: whether the web process also dispatches the outbox, so one process
    /// (make run, tests) delivers e-mails. Defaults to true in Development and Test, false otherwise
    /// (production runs the `jobs` process).
    /// </summary>
    public static bool DispatchInWeb(IConfiguration configuration, IHostEnvironment environment) =>
        bool.TryParse(configuration["OUTBOX_DISPATCH_IN_WEB"], out var value)
            ? value
            : environment.IsDevelopment() || environment.IsEnvironment("Test");
}
