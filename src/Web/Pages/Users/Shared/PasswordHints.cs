namespace RdvSP.Web.Pages.Users.Shared;

/// <summary>The rules shown beside every "new password" field (the same as the validator's).</summary>
public static class PasswordHints
{
    public const string Text = "12 caractères minimum, dont au moins un chiffre, une lettre majuscule et un caractère spécial. Évitez les mots de passe courants.";
}
