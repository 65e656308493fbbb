namespace RdvSP.Application.Notifications;

/// <summary>
/// Absolute links put in e-mails. The base comes from configuration (APP_BASE_URL), never from the
/// request's Host header, so a forged header cannot redirect a reset link to another site.
/// </summary>
public sealed class AppUrls(Uri baseUrl)
{
    public const string DefaultBaseUrl = "http://localhost:5000";

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The absolute URL of a local path with an optional token and an optional local return path.</summary>
    public string Build(string path, string? token = null, string? returnPath = null)
    {
        var url = new Uri(BaseUrl, path).ToString();
        var query = new List<string>(2);
        if (token is not null) query.Add($"token={Uri.EscapeDataString(token)}");
        if (Identity.Common.ReturnPath.LocalOrNull(returnPath) is { } back) query.Add($"returnUrl={Uri.EscapeDataString(back)}");
        return query.Count == 0 ? url : $"{url}?{string.Join('&', query)}";
    }
}
