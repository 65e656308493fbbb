using StackExchange.Redis;

namespace RdvSP.Infrastructure.Caching;

/// <summary>
/// The one Redis multiplexer of the process. It never aborts on a failed connect and reconnects by
/// itself, so the app starts and keeps serving while Redis is down and heals when it comes back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> multiplexer;

    public RedisConnection(string configuration)
    {
        Options = ConfigurationOptions.Parse(configuration);
        Options.AbortOnConnectFail = false;
        Options.ConnectTimeout = 2000;
        Options.SyncTimeout = 2000;
        Options.AsyncTimeout = 2000;
        Options.ConnectRetry = 1;
        Options.ReconnectRetryPolicy = new LinearRetry(500);
        multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(Options));
    }

    public ConfigurationOptions Options { get; }

    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    public Task<IConnectionMultiplexer> GetAsync() => Task.FromResult(Multiplexer);

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }
}
