using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RdvSP.Infrastructure.Health;

/// <summary>
/// Logs each outage of a dependency once: an Error when it goes down (someone must act), a
/// Warning at most once a minute while it stays down (how many requests it cost), an Information
/// line when it is back. Requests that fail meanwhile answer 503 and log nothing of their own, so a
/// PostgreSQL restart under load writes a handful of lines instead of thousands of stack traces.
/// </summary>
public sealed partial class DependencyMonitor(ILogger<DependencyMonitor> logger, TimeProvider clock)
{
    private static readonly TimeSpan ReminderEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Outage> outages = new();

    public bool IsDown(string dependency) => outages.ContainsKey(dependency);

    public void ReportDown(string dependency, Exception cause)
    {
        var now = clock.GetUtcNow();
        var outage = outages.GetOrAdd(dependency, _ => new Outage(now));
        lock (outage)
        {
            outage.Failures++;
            if (outage.Failures == 1)
            {
                LogDown(logger, dependency, cause.GetType().Name, Describe(cause));
                outage.LastReport = now;
            }
            else if (now - outage.LastReport >= ReminderEvery)
            {
                LogStillDown(logger, dependency, (now - outage.Since).TotalSeconds, outage.Failures);
                outage.LastReport = now;
            }
        }
    }

    /// <summary>Called on a successful use; a no-op unless the dependency was down (one dictionary look-up).</summary>
    public void ReportUp(string dependency)
    {
        if (outages.IsEmpty || !outages.TryRemove(dependency, out var outage)) return;
        LogUp(logger, dependency, (clock.GetUtcNow() - outage.Since).TotalSeconds, outage.Failures);
    }

    private static string Describe(Exception cause)
    {
        var innermost = cause;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return innermost == cause ? cause.Message : $"{cause.Message} ({innermost.GetType().Name}: {innermost.Message})";
    }

    private sealed class Outage(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset LastReport { get; set; } = since;
        public long Failures { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dependency {Dependency} unavailable: {ErrorType}: {Cause}")]
    private static partial void LogDown(ILogger logger, string dependency, string errorType, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency {Dependency} still unavailable after {DownSeconds:0} s ({Failures} failed uses)")]
    private static partial void LogStillDown(ILogger logger, string dependency, double downSeconds, long failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dependency {Dependency} available again after {DownSeconds:0.0} s ({Failures} failed uses)")]
    private static partial void LogUp(ILogger logger, string dependency, double downSeconds, long failures);
}
