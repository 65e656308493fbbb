using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using RdvSP.Infrastructure.Caching;

namespace RdvSP.Web.Http;

/// <summary>
/// The public search pages as rendered for an anonymous visitor, kept whole and keyed by their URL, the
/// inputs version and the minute (ADR 0013). Any committed write to what the search reads changes the
/// version (ADR 0008), so no visitor is shown a slot a committed booking took; the minute bounds what
/// the clock changes (the booking window, "today") exactly as the next-availability cache already does.
/// Signed-in visitors (their name in the header), pages carrying a flash message, pages that set a
/// cookie and address look-ups (an external service that may be briefly unreachable) are never kept.
/// </summary>
public sealed class PublicPageOutputCachePolicy : IOutputCachePolicy
{
    public const string Name = "public-page";

    /// <summary>The cookie of the TempData flash messages (ASP.NET Core's default name).</summary>
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public static bool IsCacheable(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.User.Identity?.IsAuthenticated != true
        && !http.Request.Cookies.ContainsKey(TempDataCookie)
        && !http.Request.Query.ContainsKey("address");

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (!IsCacheable(http)) return;
        var version = await http.RequestServices.GetRequiredService<InputsVersion>().CurrentAsync(cancellationToken);
        var minute = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // Requests missing the same page together wait for one rendering.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(2);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["inputs"] = version.ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["minute"] = minute.ToString(CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
