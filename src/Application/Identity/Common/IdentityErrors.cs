using RdvSP.Application.Identity.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.Common;

public static class IdentityErrors
{
    public const string TooManyAttemptsCode = "identity.too_many_attempts";

    /// <summary>
    /// The sign-in refusal: the same words for an unknown e-mail, a wrong password or an unconfirmed
    /// account, so the page never tells whether an account exists.
    /// </summary>
    public static readonly Error InvalidCredentials = new(
        "identity.invalid_credentials",
        "Adresse e-mail ou mot de passe incorrect.");

    public static readonly Error InvalidConfirmationToken = new(
        "identity.invalid_confirmation_token",
        "Ce lien de confirmation n'est pas valide, a expiré ou a déjà été utilisé. Si votre compte est déjà confirmé, connectez-vous ; sinon, demandez un nouveau lien avec « Mot de passe oublié ? ».");

    public static readonly Error InvalidResetToken = new(
        "identity.invalid_reset_token",
        "Ce lien de changement de mot de passe n'est pas valide ou a expiré (il est valable 6 heures). Demandez-en un nouveau.");

    /// <summary>An invitation link unknown, already used or older than 7 days: one message, so nobody learns which.</summary>
    public static readonly Error InvalidInvitationToken = new(
        "identity.invalid_invitation_token",
        "Ce lien d'invitation n'est pas valide : il a déjà été utilisé ou a expiré (il est valable 7 jours). Si votre compte est déjà créé, connectez-vous ; sinon, demandez une nouvelle invitation avec « Mot de passe oublié ? » ou à un administrateur de votre organisation.");

    /// <summary>Sign-in refused without checking the password while a wait applies (same answer for every e-mail).</summary>
    public static Error TooManySignIns(TimeSpan wait) =>
        new(TooManyAttemptsCode, $"Trop de tentatives de connexion. Réessayez dans {Minutes(wait)}.");

    /// <summary>Sign-up, reset request or e-mailed link refused while a wait applies.</summary>
    public static Error TooManyRequests(TimeSpan wait) =>
        new(TooManyAttemptsCode, $"Trop de demandes en peu de temps. Réessayez dans {Minutes(wait)}.");

    /// <summary>"1 minute", "15 minutes": the wait rounded up to the minute.</summary>
    private static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }
}

/// <summary>Token lifetimes and attempt budgets (each action its own; page loads never count).</summary>
public static class IdentityLimits
{
    public static readonly TimeSpan ResetTokenLifetime = TimeSpan.FromHours(6);

    /// <summary>Agent invitations are valid 7 days (the reference's "1 week"); a new invitation replaces the link.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Failed sign-ins per (e-mail, IP): the 5th starts a 1-minute wait, doubling with each further failure up to 15 minutes.</summary>
    public static readonly ThrottleRule SignInPerAccountAndIp =
        new("sign-in", FreeAttempts: 5, FirstWait: TimeSpan.FromMinutes(1), MaxWait: TimeSpan.FromMinutes(15), Memory: TimeSpan.FromHours(24));

    /// <summary>Failed sign-ins per IP across accounts (credential stuffing); a shared office stays well below.</summary>
    public static readonly ThrottleRule SignInPerIp =
        new("sign-in-ip", FreeAttempts: 50, FirstWait: TimeSpan.FromMinutes(1), MaxWait: TimeSpan.FromMinutes(15), Memory: TimeSpan.FromHours(1));

    /// <summary>Sign-ups per IP (each sends an e-mail).</summary>
    public static readonly ThrottleRule SignUpPerIp =
        new("sign-up-ip", FreeAttempts: 10, FirstWait: TimeSpan.FromHours(1), MaxWait: TimeSpan.FromHours(1), Memory: TimeSpan.FromHours(1));

    /// <summary>"Mot de passe oublié" requests per e-mail (each sends an e-mail).</summary>
    public static readonly ThrottleRule ResetRequestPerEmail =
        new("reset-request", FreeAttempts: 5, FirstWait: TimeSpan.FromHours(1), MaxWait: TimeSpan.FromHours(1), Memory: TimeSpan.FromHours(1));

    /// <summary>"Mot de passe oublié" requests per IP.</summary>
    public static readonly ThrottleRule ResetRequestPerIp =
        new("reset-request-ip", FreeAttempts: 20, FirstWait: TimeSpan.FromHours(1), MaxWait: TimeSpan.FromHours(1), Memory: TimeSpan.FromHours(1));

    /// <summary>Confirmation or reset links with an unknown or expired token, per IP.</summary>
    public static readonly ThrottleRule BadTokenPerIp =
        new("bad-token-ip", FreeAttempts: 10, FirstWait: TimeSpan.FromMinutes(1), MaxWait: TimeSpan.FromMinutes(15), Memory: TimeSpan.FromHours(1));

    /// <summary>A confirmation link works for 24 hours after it was sent (the reference's Devise setting), once.</summary>
    public static readonly TimeSpan ConfirmationTokenLifetime = TimeSpan.FromHours(24);
}
