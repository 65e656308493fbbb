using System.Net;

namespace RdvSP.Application.Notifications;

/// <summary>The account e-mails sent to usagers (reference: Devise confirmation and reset instructions), in French.</summary>
public static class AccountEmails
{
    private const string Brand = "RDV Service Public";

    public static EmailMessage Confirmation(string to, string firstName, string link) => Build(
        to,
        "Instructions de confirmation",
        firstName,
        [
            $"Bienvenue sur {Brand} !",
            "Pour confirmer votre adresse e-mail et choisir votre mot de passe, ouvrez le lien ci-dessous :",
        ],
        link,
        "Confirmer mon adresse e-mail",
        ["Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message : aucun compte ne sera activé."]);

    public static EmailMessage PasswordReset(string to, string firstName, string link) => Build(
        to,
        "Instructions pour changer le mot de passe",
        firstName,
        [
            "Quelqu'un a demandé à changer le mot de passe de votre compte.",
            "Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il est valable 6 heures et ne peut servir qu'une fois :",
        ],
        link,
        "Changer mon mot de passe",
        ["Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé."]);

    /// <summary>Sent when someone signs up with the e-mail of an existing account, so the page can answer the same thing to everyone.</summary>
    public static EmailMessage AlreadyRegistered(string to, string firstName, string signInLink, string resetLink) => Build(
        to,
        $"Vous avez déjà un compte sur {Brand}",
        firstName,
        [
            $"Une inscription a été demandée avec cette adresse e-mail, mais vous avez déjà un compte sur {Brand}.",
            $"Vous pouvez vous connecter à l'adresse {signInLink}. Si vous avez oublié votre mot de passe, ouvrez le lien ci-dessous :",
        ],
        resetLink,
        "J'ai oublié mon mot de passe",
        ["Si vous n'êtes pas à l'origine de cette demande, ignorez ce message."]);

    private static EmailMessage Build(string to, string subject, string firstName, string[] intro, string link, string linkText, string[] outro)
    {
        var greeting = $"Bonjour {firstName},";
        var farewell = $"À bientôt,\nL'équipe {Brand}";
        var text = string.Join("\n\n", [greeting, .. intro, link, .. outro, farewell]);

        static string P(string s) => $"<p>{WebUtility.HtmlEncode(s).Replace("\n", "<br>", StringComparison.Ordinal)}</p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body>
            {P(greeting)}
            {string.Concat(intro.Select(P))}
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(linkText)}</a></p>
            {string.Concat(outro.Select(P))}
            {P(farewell)}
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }
}
