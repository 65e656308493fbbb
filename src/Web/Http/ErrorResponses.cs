using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RdvSP.Web.Http;

/// <summary>Writes error responses: ProblemDetails for the API; pages re-execute the French error page.</summary>
internal static class ErrorResponses
{
    public static Task WriteApiStatusCodeAsync(StatusCodeContext context) =>
        WriteProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode, ErrorTexts.DetailFor(context.HttpContext.Response.StatusCode));

    public static async ValueTask WriteTooManyRequestsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.RetryAfter = "60";
        if (RequestKind.IsApi(http))
            await WriteProblemAsync(http, 429, ErrorTexts.DetailFor(429));
        else
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(SimplePage(429), cancellationToken);
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

    /// <summary>Last-resort page when nothing else can render (no layout, no dependency).</summary>
    public static string SimplePage(int status) =>
        $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{ErrorTexts.TitleFor(status)} - RdvSP</title></head>" +
        $"<body><main><h1>{ErrorTexts.TitleFor(status)}</h1><p>{ErrorTexts.DetailFor(status)}</p><p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>";

    /// <summary>Status of an exception that escaped: client mistakes stay 4xx, the rest is 500.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        RdvSP.Application.Common.Exceptions.ValidationFailedException => StatusCodes.Status400BadRequest,
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
