using System.Net;
using System.Text.RegularExpressions;

namespace RdvSP.TestKit;

/// <summary>Reads what a browser would from a page: the antiforgery token, and posts forms with it.</summary>
public static partial class HtmlForms
{
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        if (!match.Success) throw new InvalidOperationException("No antiforgery token in the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>GETs the page, then POSTs the fields with the page's antiforgery token (cookies kept by the client).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var all = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", AntiforgeryToken(page)));
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Signs a usager in through the real sign-in form; the client keeps the cookie.</summary>
public static class UsagerSession
{
    public static async Task<HttpClient> SignedInClientAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string email, string password = BookingWorld.Password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/users/sign_in", [new("Input.Email", email), new("Input.Password", password)]);
        if ((int)response.StatusCode is < 300 or >= 400)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }
}

/// <summary>Page text as a reader sees it: HTML entities decoded (Razor encodes apostrophes).</summary>
public static class PageText
{
    public static async Task<string> ReadTextAsync(this HttpResponseMessage response) =>
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> GetTextAsync(this HttpClient client, string url) =>
        System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url));
}
