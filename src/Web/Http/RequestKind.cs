namespace RdvSP.Web.Http;

internal static class RequestKind
{
    /// <summary>API callers get RFC 7807 JSON; everyone else gets a French HTML page.</summary>
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
