using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications;

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SmtpSettings.FromConfiguration(configuration));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        // Links in e-mails: the configured public address (APP_BASE_URL), never the request's Host header.
        var baseUrl = configuration["APP_BASE_URL"] is { Length: > 0 } configured ? configured : AppUrls.DefaultBaseUrl;
        services.AddSingleton(new AppUrls(new Uri(baseUrl, UriKind.Absolute)));
        // Application service built on the e-mail port (issues a token, then sends its e-mail).
        services.AddScoped<AccountMailer>();
        return services;
    }
}
