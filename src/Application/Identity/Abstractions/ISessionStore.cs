namespace RdvSP.Application.Identity.Abstractions;

/// <summary>
/// Server-side sessions of signed-in people. The auth cookie carries only a session id; a session
/// can be ended from anywhere (sign-out, password change or reset, account deletion) and every web
/// instance sees it ended on the next request.
/// </summary>
public interface ISessionStore
{
    /// <summary>Opens a session and returns its id (a secret: only its hash is stored).</summary>
    Task<string> OpenAsync(SessionActor actor, long actorId, TimeSpan idleTimeout, CancellationToken cancellationToken);

    /// <summary>True while the session is open; touches it so that it lives <paramref name="idleTimeout"/> more.</summary>
    Task<bool> IsOpenAsync(string sessionId, TimeSpan idleTimeout, CancellationToken cancellationToken);

    Task EndAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends every session of the account, except <paramref name="keepSessionId"/> if given.</summary>
    Task EndAllAsync(SessionActor actor, long actorId, string? keepSessionId, CancellationToken cancellationToken);
}

public enum SessionActor
{
    Usager,
    Agent,
}

/// <summary>How long a session stays open without a request (REFERENCE-SURFACES: 30 min usagers, 14 days agents).</summary>
public static class SessionTimeouts
{
    public static readonly TimeSpan Usager = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Agent = TimeSpan.FromDays(14);

    public static TimeSpan For(SessionActor actor) => actor == SessionActor.Agent ? Agent : Usager;
}
