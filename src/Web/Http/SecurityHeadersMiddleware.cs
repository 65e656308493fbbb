using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace RdvSP.Web.Http;

public sealed class SecurityHeadersOptions
{
    /// <summary>Space-separated origins allowed to embed the public pages (FRAME_ANCESTORS).</summary>
    public string FrameAncestors { get; set; } = string.Empty;
}

/// <summary>
/// Security headers on every response. Scripts and styles come from our own origin only (no inline
/// script). Public booking pages may be framed by the départements' sites listed in FRAME_ANCESTORS;
/// everything else refuses to be framed.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    private static readonly string[] EmbeddablePrefixes = ["/prendre_rdv", "/org", "/embed", "/lib", "/css", "/js"];

    private readonly string frameAncestorsPublic = string.IsNullOrWhiteSpace(options.Value.FrameAncestors)
        ? "'self'"
        : "'self' " + options.Value.FrameAncestors.Trim();

    public Task Invoke(HttpContext context)
    {
        // Once per request: a re-executed error page must not register a second set of headers.
        if (!context.Items.TryAdd(typeof(SecurityHeadersMiddleware), true)) return next(context);

        // Decided on the original path: an error page re-executed for a public page stays embeddable.
        var embeddable = EmbeddablePrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var ancestors = embeddable ? frameAncestorsPublic : "'none'";
            var styleSrc = StyleNonce.Find(context) is { } nonce ? $"'self' 'nonce-{nonce}'" : "'self'";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'; style-src {styleSrc}; img-src 'self' data:; font-src 'self' data:; " +
                $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}";
            if (!embeddable) headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// A per-response nonce for the one &lt;style&gt; element a vendored library builds itself (FullCalendar
/// fills it through the CSSOM and reads the nonce from &lt;meta name="csp-nonce"&gt;). Only a page that
/// asks for it gets it in its style-src; scripts stay 'self' only.
/// </summary>
internal static class StyleNonce
{
    private static readonly object Key = new();

    public static string For(HttpContext context)
    {
        if (context.Items[Key] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[Key] = nonce;
        return nonce;
    }

    internal static string? Find(HttpContext context) => context.Items[Key] as string;
}
