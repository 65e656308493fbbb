using RdvSP.Application.Common.Outages;
using RdvSP.Infrastructure.Health;
using StackExchange.Redis;

namespace RdvSP.Infrastructure.Caching;

/// <summary>
/// The one Redis multiplexer of the process. Redis is an accelerator, never a dependency of a page:
/// the multiplexer connects in the background and reconnects by itself, its calls time out in a few
/// hundred milliseconds, and <see cref="DatabaseIfConnected"/> lets callers skip Redis at once
/// while it is down (no request waits on a timeout) and use their fallback.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> multiplexer;

    public RedisConnection(string configuration, DependencyMonitor? monitor = null)
    {
        Options = ConfigurationOptions.Parse(configuration);
        Options.AbortOnConnectFail = false;
        Options.ConnectTimeout = 1000;
        Options.SyncTimeout = 500;
        Options.AsyncTimeout = 500;
        Options.ConnectRetry = 1;
        Options.ReconnectRetryPolicy = new LinearRetry(500);
        multiplexer = new Lazy<IConnectionMultiplexer>(() =>
        {
            var connection = ConnectionMultiplexer.Connect(Options);
            if (monitor is not null)
            {
                connection.ConnectionFailed += (_, e) => monitor.ReportDown(Dependencies.Redis, e.Exception ?? new RedisConnectionException(e.FailureType, e.FailureType.ToString()));
                connection.ConnectionRestored += (_, _) => monitor.ReportUp(Dependencies.Redis);
                if (!connection.IsConnected) monitor.ReportDown(Dependencies.Redis, new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis unreachable at start"));
            }
            return connection;
        });
    }

    public ConfigurationOptions Options { get; }

    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    /// <summary>
    /// The database while Redis is connected; null while it is down or still connecting, so the caller
    /// falls back at once. A call may still fail if Redis drops meanwhile: callers catch
    /// <see cref="RedisException"/> and fall back too.
    /// </summary>
    public IDatabase? DatabaseIfConnected() =>
        multiplexer.IsValueCreated && multiplexer.Value.IsConnected ? multiplexer.Value.GetDatabase() : null;

    /// <summary>Starts connecting without blocking the caller (called once at start-up).</summary>
    public void ConnectInBackground() => _ = Task.Run(() => multiplexer.Value);

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }
}
