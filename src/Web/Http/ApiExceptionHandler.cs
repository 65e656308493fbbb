using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Common.Exceptions;

namespace RdvSP.Web.Http;

/// <summary>
/// Turns exceptions escaping an API endpoint into RFC 7807 responses: validation failures as a
/// ValidationProblemDetails (400) with French messages per field, malformed input as 400, the rest
/// as a 500 without any stack trace (it goes to the logs and Sentry instead).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!RequestKind.IsApi(http)) return false;
        var status = ErrorResponses.StatusFor(exception);
        if (status >= 500) LogUnhandled(logger, exception, http.Request.Path);
        http.Response.StatusCode = status;
        ProblemDetails problem = exception is ValidationFailedException validation
            ? new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = status,
                Title = "Les données envoyées ne sont pas valides",
                Detail = "Corrigez les champs indiqués puis réessayez.",
            }
            : new ProblemDetails { Status = status, Title = ErrorTexts.TitleFor(status), Detail = ErrorTexts.DetailFor(status) };
        problem.Type = $"https://httpstatuses.io/{status}";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on API {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
