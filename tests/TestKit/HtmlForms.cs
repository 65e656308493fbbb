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
