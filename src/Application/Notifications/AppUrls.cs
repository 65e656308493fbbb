namespace RdvSP.Application.Notifications;

/// <summary>
/// Absolute links put in e-mails. The base comes from configuration (APP_BASE_URL), never from the
/// request's Host header, so a forged header cannot redirect a reset link to another site.
/// </summary>
public sealed class AppUrls(Uri baseUrl)
{
    public const string DefaultBaseUrl = "http://localhost:5000";

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The absolute URL of a local path with an optional token parameter.</summary>
    public string Build(string path, string? token = null)
    {
        var url = new Uri(BaseUrl, path).ToString();
        return token is null ? url : $"{url}?token={Uri.EscapeDataString(token)}";
    }
}
