using System.Net;

namespace RdvSP.Application.Notifications;

/// <summary>
/// The one layout of the notification e-mails (RDV and plage/absence): greeting, intro paragraphs, a
/// label/value recap, closing paragraphs, one link button and the farewell, as plain text and as
/// DSFR-looking HTML with inline styles (mail clients ignore style sheets).
/// </summary>
public static class RecapEmailLayout
{
    public static EmailMessage Render(
        string to,
        string subject,
        string greeting,
        IReadOnlyList<string> intro,
        IReadOnlyList<(string Label, string Value)> recap,
        IReadOnlyList<string> outro,
        string linkText,
        string link)
    {
        var farewell = $"À bientôt,\nL'équipe {RdvTexts.Brand}";
        var text = string.Join("\n\n", [
            greeting,
            .. intro,
            string.Join("\n", recap.Select(r => $"{r.Label} : {r.Value}")),
            .. outro,
            $"{linkText} : {link}",
            farewell]);

        static string E(string s) => WebUtility.HtmlEncode(s);
        static string P(string s) => $"<p style=\"margin:0 0 16px\">{E(s).Replace("\n", "<br>", StringComparison.Ordinal)}</p>";
        var rows = string.Concat(recap.Select(r =>
            $"<tr><th scope=\"row\" style=\"text-align:left;padding:4px 16px 4px 0;color:#3a3a3a\">{E(r.Label)}</th><td style=\"padding:4px 0\">{E(r.Value)}</td></tr>"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="margin:0;background:#f6f6f6;font-family:Marianne,Arial,sans-serif;color:#161616">
            <div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-top:4px solid #000091">
            <p style="margin:0 0 24px;font-weight:bold;color:#000091">{E(RdvTexts.Brand)}</p>
            {P(greeting)}
            {string.Concat(intro.Select(P))}
            <table role="presentation" style="margin:0 0 16px;border-collapse:collapse">{rows}</table>
            {string.Concat(outro.Select(P))}
            <p style="margin:0 0 24px"><a href="{E(link)}" style="display:inline-block;background:#000091;color:#fff;padding:8px 16px;text-decoration:none">{E(linkText)}</a></p>
            {P(farewell)}
            </div></body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }
}
