using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using RdvSP.Application.Common.Outages;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Common.Behaviors;

/// <summary>
/// First in the pipeline: names the use case in the log scope and records its outcome and duration.
/// Only the message type is logged, never its content (it may carry personal data).
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var useCase = typeof(TMessage).Name;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UseCase"] = useCase });
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is IResult { IsSuccess: false } failed)
                LogRefused(logger, useCase, failed.Error.Code, elapsed);
            else
                LogHandled(logger, useCase, elapsed);
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A dependency outage is logged once by the outage monitor, not with a stack trace per request.
            if (DependencyFailure.IsUnavailable(ex))
                LogUnavailable(logger, useCase, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else
                LogFailed(logger, ex, useCase, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string useCase, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} refused ({ErrorCode}) in {ElapsedMs:0.0} ms")]
    private static partial void LogRefused(ILogger logger, string useCase, string errorCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} not run, a dependency is unavailable ({ErrorType}) after {ElapsedMs:0.0} ms")]
    private static partial void LogUnavailable(ILogger logger, string useCase, string errorType, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{UseCase} failed after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string useCase, double elapsedMs);
}
