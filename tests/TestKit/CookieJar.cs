using System.Net;
using System.Net.Http.Headers;

namespace RdvSP.TestKit;

/// <summary>
/// Cookies kept by the test, not by one client: the same browser session can then be replayed on
/// another app instance, or an old copy of a cookie replayed after sign-out.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> cookies = [];

    public CookieJar Copy()
    {
        var copy = new CookieJar();
        foreach (var (name, value) in cookies) copy.cookies[name] = value;
        return copy;
    }

    public bool Has(string name) => cookies.ContainsKey(name);

    public async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request);
    }

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then POSTs the fields to <paramref name="postUrl"/> (on <paramref name="postClient"/> if given).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null, HttpClient? postClient = null)
    {
        var page = await GetAsync(client, pageUrl);
        var token = HtmlForms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, postUrl ?? pageUrl)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        return await SendAsync(postClient ?? client, request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        if (cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies) Apply(header);
        return response;
    }

    private void Apply(string setCookie)
    {
        var pair = setCookie.Split(';', 2)[0];
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return;
        var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        var expired = setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
        if (expired) cookies.Remove(name);
        else cookies[name] = value;
    }

    /// <summary>A client that keeps no cookies of its own and follows no redirect: the jar decides.</summary>
    public static HttpClient ClientOf(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/users/sign_in", StringComparison.Ordinal) == true;
}
