using System.Net;

namespace RdvSP.Application.Notifications;

/// <summary>The account e-mails sent to usagers and agents (reference: Devise confirmation, invitation and reset instructions), in French.</summary>
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

    /// <summary>An agent invited to the back-office (reference: Devise invitation_instructions for agents).</summary>
    public static EmailMessage AgentInvitation(string to, string? firstName, string link, DateOnly validUntil, string? invitedBy) => Build(
        to,
        $"Vous avez été invité sur {Brand}",
        firstName ?? "",
        [
            invitedBy is { Length: > 0 }
                ? $"{invitedBy} vous a invité à rejoindre {Brand}, l'outil de prise de rendez-vous de votre service."
                : $"Vous avez été invité à rejoindre {Brand}, l'outil de prise de rendez-vous de votre service.",
            $"Pour créer votre compte, ouvrez le lien ci-dessous et choisissez votre mot de passe. Il est valable jusqu'au {validUntil.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} et ne peut servir qu'une fois :",
        ],
        link,
        "Accepter l'invitation",
        ["Si ce lien a expiré, demandez à un administrateur de votre organisation de vous inviter à nouveau, ou utilisez « Mot de passe oublié ? » sur la page de connexion agent."]);

    /// <summary>An agent's forgotten password: a link to the agents' reset page.</summary>
    public static EmailMessage AgentPasswordReset(string to, string? firstName, string link) => PasswordReset(to, firstName ?? "", link);

    private static EmailMessage Build(string to, string subject, string firstName, string[] intro, string link, string linkText, string[] outro)
    {
        var greeting = firstName.Length > 0 ? $"Bonjour {firstName}," : "Bonjour,";
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
