using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RdvSP.Web.Configuration;

internal static class HealthEndpoints
{
    /// <summary>
    /// /health/live: the process answers (no dependency checked, so a Redis outage never gets the
    /// instance killed). /health/ready: PostgreSQL and Redis, 503 naming what is down.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson });
        // The cheapest endpoint of the app: the baseline the load tests compare the public pages with.
        app.MapGet("/hello", () => Results.Text("hello"));
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description, duration_ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
            down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToArray(),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
