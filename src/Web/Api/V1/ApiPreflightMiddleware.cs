using Microsoft.AspNetCore.Cors.Infrastructure;

namespace RdvSP.Web.Api.V1;

/// <summary>
/// Answers the browsers' CORS preflights of /api/v1 with the API's policy (REFERENCE-API §1.6: any
/// origin, GET/POST/PATCH/PUT, any header); actual requests get their CORS headers from the endpoints'
/// policy. A preflight for a refused method (DELETE) gets no allow headers, so the browser stops there.
/// </summary>
internal sealed class ApiPreflightMiddleware(RequestDelegate next, ICorsService cors, ICorsPolicyProvider policies)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            || !request.Headers.ContainsKey("Origin") || !request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            await next(http);
            return;
        }
        var policy = await policies.GetPolicyAsync(http, ApiSetup.CorsPolicy);
        cors.ApplyResult(cors.EvaluatePolicy(http, policy!), http.Response);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
