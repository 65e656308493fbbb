using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Webhooks;

namespace RdvSP.Infrastructure.Webhooks;

public static class WebhooksRegistration
{
    /// <summary>
    /// Endpoints, capture settings and the dispatcher (resolvable everywhere; run as a hosted service by
    /// <see cref="AddWebhookDispatcher"/>). WEBHOOKS_TIMEOUT_SECONDS: the whole request's timeout (§4.4: 10 s);
    /// redirects are not followed.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IWebhookEndpointStore, WebhookEndpointStore>();
        services.AddScoped<IWebhookCapture, WebhookCapture>();
        var timeout = double.TryParse(configuration["WEBHOOKS_TIMEOUT_SECONDS"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(10);
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<WebhookDispatcher>();
        return services;
    }

    /// <summary>Runs the dispatcher: always in the `jobs` process, in `web` with the outbox dispatcher (OUTBOX_DISPATCH_IN_WEB).</summary>
    public static IServiceCollection AddWebhookDispatcher(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
