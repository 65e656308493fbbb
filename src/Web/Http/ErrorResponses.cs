using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RdvSP.Web.Http;

/// <summary>Writes error responses: ProblemDetails for the API; pages re-execute the French error page.</summary>
internal static class ErrorResponses
{
    public static Task WriteApiStatusCodeAsync(StatusCodeContext context) =>
        WriteProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode, ErrorTexts.DetailFor(context.HttpContext.Response.StatusCode));

    public static async ValueTask WriteTooManyRequestsAsync(HttpContext http, System.Threading.RateLimiting.RateLimitLease lease, CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = Math.Max(retryAfter, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (RdvSP.Web.Api.V1.ApiV1.IsContractPath(http.Request.Path))
            await RdvSP.Web.Api.V1.ApiV1.WriteTooManyRequestsAsync(http);
        else if (RequestKind.IsApi(http))
            await WriteProblemAsync(http, 429, ErrorTexts.DetailFor(429));
        else
        {
            await WriteSimplePageAsync(http, 429);
        }
    }

    public static async Task WriteProblemAsync(HttpContext http, int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = ErrorTexts.TitleFor(status), Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (extensions is not null)
            foreach (var (k, v) in extensions) problem.Extensions[k] = v;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>
    /// A page that needs nothing but static files (no layout, no session, no database): for answers
    /// given when a dependency is down or a limit is hit.
    /// </summary>
    public static string SimplePage(int status) =>
        "<!DOCTYPE html><html lang=\"fr\" data-fr-theme><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{ErrorTexts.TitleFor(status)} - RDV Service Public</title><link rel=\"stylesheet\" href=\"/lib/dsfr/dsfr.min.css\"></head>" +
        "<body><main class=\"fr-container fr-my-7w\" role=\"main\" id=\"contenu\">" +
        $"<h1>{ErrorTexts.TitleFor(status)}</h1><p class=\"fr-text--lead\">{ErrorTexts.DetailFor(status)}</p>" +
        $"<p class=\"fr-text--sm\">Erreur {status}</p><p><a class=\"fr-btn\" href=\"/\">Page d'accueil</a></p></main></body></html>";

    /// <summary>The French page of <see cref="SimplePage"/> with its status.</summary>
    public static Task WriteSimplePageAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(SimplePage(status), http.RequestAborted);
    }

    /// <summary>Status of an exception that escaped: client mistakes stay 4xx, the rest is 500.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        RdvSP.Application.Common.Exceptions.ValidationFailedException => StatusCodes.Status400BadRequest,
        RdvSP.Application.Common.Authorization.AccessDeniedException { Reason: RdvSP.Application.Common.Authorization.AccessDenial.NotSignedIn } => StatusCodes.Status401Unauthorized,
        RdvSP.Application.Common.Authorization.AccessDeniedException => StatusCodes.Status403Forbidden,
        System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
        FormatException => StatusCodes.Status400BadRequest,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        OperationCanceledException => 499,
        // Overload (no database connection in time): ask to retry rather than report a bug.
        TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ when exception.InnerException is TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
