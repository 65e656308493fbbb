using System.Globalization;
using System.Security.Claims;

namespace RdvSP.Web.Http;

/// <summary>Who is signed in. Usagers sign in with the <see cref="UsagerAuthentication.Scheme"/> cookie.</summary>
public static class ClaimsPrincipalExtensions
{
    public const string ActorKindClaim = "actor_kind";
    public const string UsagerKind = "usager";
    public const string AgentKind = "agent";

    /// <summary>The server-side session (identity.sessions) the cookie belongs to.</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>The signed-in usager's id, or null for anyone else.</summary>
    public static long? UsagerId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirstValue(ActorKindClaim) == UsagerKind
        && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The signed-in agent's id (back-office requests only), or null.</summary>
    public static long? AgentId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirstValue(ActorKindClaim) == AgentKind
        && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionIdClaim);

    /// <summary>The claims a usager session carries: the id, the actor kind and the session id, no personal data.</summary>
    public static ClaimsPrincipal ForUsager(long usagerId, string sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, usagerId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ActorKindClaim, UsagerKind),
                new Claim(SessionIdClaim, sessionId),
            ],
            UsagerAuthentication.Scheme));

    /// <summary>The claims an agent session carries: the id, the actor kind and the session id.</summary>
    public static ClaimsPrincipal ForAgent(long agentId, string sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, agentId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ActorKindClaim, AgentKind),
                new Claim(SessionIdClaim, sessionId),
            ],
            AgentAuthentication.Scheme));
}
