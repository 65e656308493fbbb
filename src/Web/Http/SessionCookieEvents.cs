using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Web.Http;

/// <summary>
/// Every request that carries an auth cookie checks that its server-side session is still open
/// (identity.sessions behind a one-minute Redis cache). A cookie whose session was ended — signed
/// out, password reset, account deleted — or that predates server-side sessions is refused and
/// cleared, on every instance. Requests without the cookie never get here: anonymous pages touch
/// neither Redis nor the sessions table.
/// </summary>
internal sealed class SessionCookieEvents(SessionActor actor) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.SessionId();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ISessionStore>();
        if (sessionId is null || !await sessions.IsOpenAsync(sessionId, SessionTimeouts.For(actor), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
