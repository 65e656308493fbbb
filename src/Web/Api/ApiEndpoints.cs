using RdvSP.Web.Configuration;
using RdvSP.Web.Http.BoundValues;

namespace RdvSP.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>The JSON API: one group per module under /api/v1, rate-limited, RFC 7807 errors.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1").RequireRateLimiting(WebSetup.ApiPolicy).AddEndpointFilterFactory(BoundValuesEndpointFilter.Create);
        v1.MapPublicApi();
        return app;
    }
}
