using System.Globalization;

namespace RdvSP.Web.Api.V1;

/// <summary>Paths that follow the reference's contract (REFERENCE-API) rather than RFC 7807.</summary>
internal static class ApiV1
{
    public static bool IsContractPath(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/public_api", StringComparison.OrdinalIgnoreCase);

    /// <summary>REFERENCE-API §1.7: JSON without charset, RateLimit-* headers, the message ending with a newline.</summary>
    public static async Task WriteTooManyRequestsAsync(HttpContext http)
    {
        var limit = http.Items[RdvSP.Web.Configuration.WebSetup.PermitsItem] is int permits ? permits : 0;
        http.Response.Headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["RateLimit-Remaining"] = "0";
        await ApiJsonResult.WriteAsync(http, StatusCodes.Status429TooManyRequests, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStringValue(ApiErrors.TooManyCalls);
            w.WriteEndArray();
            w.WriteEndObject();
        }, "application/json");
    }
}
