using RdvSP.Web.Api.V1;
using RdvSP.Web.Configuration;
using RdvSP.Web.Http.BoundValues;

namespace RdvSP.Web.Api;

internal static class ApiEndpoints
{
    /// <summary>
    /// The JSON API under /api/v1, rate-limited, CORS per REFERENCE-API §1.6: the public endpoints
    /// (RFC 7807 errors), the token routes, and the agents' API (REFERENCE-API §2: its authentication
    /// names the acting agent; the use cases' policies decide, errors in the contract's shapes).
    /// </summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1").RequireRateLimiting(WebSetup.ApiPolicy).RequireCors(ApiSetup.CorsPolicy)
            .AddEndpointFilterFactory(BoundValuesEndpointFilter.Create);
        v1.MapPublicApi();
        v1.MapApiAuth();
        v1.MapPublicLinks(app);
        var agents = v1.MapGroup("").RequireAuthorization(ApiAuthenticationHandler.Policy).AddEndpointFilter(ApiErrorFilter.InvokeAsync);
        agents.MapAgentApi();
        agents.MapWebhookEndpointsApi();
        agents.MapWriteApi();
        app.MapOpenApi("/api-docs/{documentName}/openapi.json");
        app.MapGet("/api-docs", () => Results.Redirect("/api-docs/index.html")).ExcludeFromDescription();
        return app;
    }
}
