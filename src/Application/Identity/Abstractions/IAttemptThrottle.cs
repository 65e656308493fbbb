namespace RdvSP.Application.Identity.Abstractions;

/// <summary>
/// Counters of attempts per action and subject (an e-mail and IP pair, an IP, an e-mail), shared by
/// every web instance (Redis, with an in-process fallback while Redis is down). Use cases ask before
/// acting, record what counts (a failure, or a request that sends an e-mail) and reset on success.
/// A null subject (a per-IP rule without a client address: in-memory test server, Unix socket) is
/// never counted nor throttled, rather than lumping every such client into one shared budget.
/// </summary>
public interface IAttemptThrottle
{
    /// <summary>How long <paramref name="subject"/> must still wait before trying <paramref name="rule"/>'s action again; zero when it may go ahead.</summary>
    Task<TimeSpan> WaitAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken);

    Task RecordAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken);

    Task ResetAsync(ThrottleRule rule, string? subject, CancellationToken cancellationToken);
}

/// <summary>
/// A budget of <see cref="FreeAttempts"/> attempts, then a wait counted from the last attempt that
/// starts at <see cref="FirstWait"/> and doubles with each further attempt up to <see cref="MaxWait"/>.
/// The count is forgotten after <see cref="Memory"/> without any attempt.
/// </summary>
public sealed record ThrottleRule(string Action, int FreeAttempts, TimeSpan FirstWait, TimeSpan MaxWait, TimeSpan Memory)
{
    public TimeSpan WaitAt(long attempts, DateTimeOffset lastAttempt, DateTimeOffset now)
    {
        if (attempts < FreeAttempts) return TimeSpan.Zero;
        var doublings = (int)Math.Min(attempts - FreeAttempts, 20);
        var wait = TimeSpan.FromTicks(Math.Min(FirstWait.Ticks << doublings, MaxWait.Ticks));
        // Never more than the full wait, even if another instance's clock ran ahead.
        var left = lastAttempt + wait - now;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < wait ? left : wait;
    }
}
