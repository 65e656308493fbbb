using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using RdvSP.Application.Notifications.ParticipationLinks;

namespace RdvSP.Web.Pages.Users.ParticipationLinks;

/// <summary>
/// The restricted session a participation link opens after the name check: an encrypted, HttpOnly cookie
/// scoped to <c>/r/{rdvId}/</c> (sent to that RDV's link pages only, never to the usager space), bound to
/// the link's token and valid <see cref="ParticipationLinkRules.SessionLifetime"/> by the app's clock.
/// It signs nobody in: other pages ignore it.
/// </summary>
internal sealed class ParticipationLinkSession(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string CookieName = "rdvsp.lien";
    private readonly IDataProtector protector = dataProtection.CreateProtector("RdvSP.ParticipationLinkSession.v1");

    public static string PathOf(long rdvId, string token) => $"/r/{rdvId}/{Uri.EscapeDataString(token)}";

    public void Open(HttpContext http, ParticipationLinkAccess access, string token)
    {
        var expires = clock.GetUtcNow() + ParticipationLinkRules.SessionLifetime;
        var payload = string.Join('|',
            access.ParticipationId.ToString(CultureInfo.InvariantCulture),
            access.RdvId.ToString(CultureInfo.InvariantCulture),
            access.UsagerId.ToString(CultureInfo.InvariantCulture),
            expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Fingerprint(token));
        http.Response.Cookies.Append(CookieName, protector.Protect(payload), new CookieOptions
        {
            Path = $"/r/{access.RdvId}/",
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Expires = expires,
            IsEssential = true,
        });
    }

    /// <summary>The access the cookie grants for this RDV and link, or null (none, expired, another link, tampered).</summary>
    public ParticipationLinkAccess? Current(HttpContext http, long rdvId, string token)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie)) return null;
        string payload;
        try { payload = protector.Unprotect(cookie); }
        catch (CryptographicException) { return null; }
        var parts = payload.Split('|');
        if (parts.Length != 5
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var participationId)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var cookieRdvId)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var usagerId)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var expiresAt))
            return null;
        if (cookieRdvId != rdvId || parts[4] != Fingerprint(token)) return null;
        if (clock.GetUtcNow().ToUnixTimeMilliseconds() >= expiresAt) return null;
        return new ParticipationLinkAccess(participationId, rdvId, usagerId);
    }

    /// <summary>The token itself never goes into the cookie.</summary>
    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];
}
