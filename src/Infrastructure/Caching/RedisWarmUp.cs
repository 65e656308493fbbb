using Microsoft.Extensions.Hosting;

namespace RdvSP.Infrastructure.Caching;

/// <summary>Connects to Redis at start-up in the background, so no request pays for the first connect.</summary>
internal sealed class RedisWarmUp(RedisConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectInBackground();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
