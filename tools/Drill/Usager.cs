using System.Net;
using System.Text.RegularExpressions;

namespace RdvSP.Drill;

/// <summary>
/// A usager's browser: one cookie jar for 127.0.0.1 (cookies ignore the port, so the same session goes
/// to either web process), no automatic redirects, antiforgery tokens read from the pages.
/// </summary>
public sealed partial class Usager : IDisposable
{
    private readonly long id;
    private readonly string email;
    private readonly CookieContainer cookies = new();
    private readonly HttpClient client;

    public Usager(long id, string email)
    {
        this.id = id;
        this.email = email;
        client = NewTab();
    }

    /// <summary>
    /// Another browser tab of the same usager (same cookies, its own connection): what a thousand
    /// people who each opened the confirmation step have when they all click at once.
    /// </summary>
    public HttpClient NewTab() => new(new SocketsHttpHandler
    {
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public long Id => id;
    public string Email => email;
    public HttpClient Client => client;

    /// <summary>The sign-in form, posted like a browser would; true on the redirect that follows success.</summary>
    public async Task<bool> SignInAsync(string baseUrl)
    {
        var page = await client.GetStringAsync($"{baseUrl}/users/sign_in");
        using var response = await client.PostAsync($"{baseUrl}/users/sign_in", new FormUrlEncodedContent(
        [
            new("Input.Email", email),
            new("Input.Password", World.Password),
            new("__RequestVerificationToken", AntiforgeryToken(page)),
        ]));
        return (int)response.StatusCode is >= 300 and < 400
            && response.Headers.Location?.OriginalString.Contains("sign_in", StringComparison.Ordinal) != true;
    }

    /// <summary>The confirmation step's antiforgery token (null when the page does not show the form).</summary>
    public Task<string?> ConfirmationTokenAsync(string url) => ConfirmationTokenAsync(client, url);

    /// <summary>The confirmation step opened in <paramref name="tab"/>; its antiforgery token (null without the form).</summary>
    public static async Task<string?> ConfirmationTokenAsync(HttpClient tab, string url)
    {
        using var response = await tab.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        var match = TokenPattern().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public Task<HttpResponseMessage> ConfirmAsync(string url, string token) => ConfirmAsync(client, url, token);

    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient tab, string url, string token) =>
        tab.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

    /// <summary>The rdv id of an acknowledged booking: the redirect to /users/rdvs/{id}.</summary>
    public static long? AcknowledgedRdvId(HttpResponseMessage? response)
    {
        if (response is null || (int)response.StatusCode is < 300 or >= 400) return null;
        var match = RdvPathPattern().Match(response.Headers.Location?.OriginalString ?? "");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^/users/rdvs/(\d+)")]
    private static partial Regex RdvPathPattern();
}
