using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.Common;

public static class IdentityErrors
{
    /// <summary>
    /// The only sign-in refusal: the same words for an unknown e-mail, a wrong password, an
    /// unconfirmed or a locked account, so the page never tells whether an account exists.
    /// </summary>
    public static readonly Error InvalidCredentials = new(
        "identity.invalid_credentials",
        "Adresse e-mail ou mot de passe incorrect. Après 5 essais infructueux, la connexion est bloquée pendant 30 minutes.");

    public static readonly Error InvalidConfirmationToken = new(
        "identity.invalid_confirmation_token",
        "Ce lien de confirmation n'est pas valide ou a déjà été utilisé. Si votre compte est déjà confirmé, connectez-vous ; sinon, demandez un nouveau lien avec « Mot de passe oublié ? ».");

    public static readonly Error InvalidResetToken = new(
        "identity.invalid_reset_token",
        "Ce lien de changement de mot de passe n'est pas valide ou a expiré (il est valable 6 heures). Demandez-en un nouveau.");
}

/// <summary>Lockout and token lifetimes.</summary>
public static class IdentityLimits
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan ResetTokenLifetime = TimeSpan.FromHours(6);
}
