using RdvSP.Application.Common.Outages;
using RdvSP.Infrastructure.Health;

namespace RdvSP.Web.Http;

/// <summary>
/// A request that fails because PostgreSQL (or a dependency it cannot do without) is unavailable
/// answers 503 with Retry-After: the French "service momentanément indisponible" page, or
/// ProblemDetails on the API. The outage is logged once by <see cref="DependencyMonitor"/>; the
/// request itself logs no stack trace. Anything else goes on to the exception handler (500).
/// </summary>
internal sealed class DependencyOutageMiddleware(RequestDelegate next, DependencyMonitor monitor)
{
    public const string RetryAfterSeconds = "30";

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (DependencyFailure.IsUnavailable(ex) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            monitor.ReportDown(DependencyFailure.DependencyOf(ex), ex);
            http.Response.Clear();
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            http.Response.Headers.CacheControl = "no-store";
            if (RequestKind.IsApi(http))
                await ErrorResponses.WriteProblemAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorTexts.DetailFor(503));
            else
                // Written here rather than re-executed: the page must not need what is down (the
                // re-executed request would authenticate, i.e. look up the session, again).
                await ErrorResponses.WriteSimplePageAsync(http, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
