using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Notifications.ParticipationLinks;

/// <summary>
/// What a participation link opens once the name check passed: that RDV only, acting as the usager who
/// receives its messages (the participant, or its responsible for a relative), for 10 minutes.
/// </summary>
public sealed record ParticipationLinkAccess(long ParticipationId, long RdvId, long UsagerId);

public static class ParticipationLinkRules
{
    /// <summary>How long a successful check opens the RDV (REFERENCE-SURFACES §1.5).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Wrong letters per link: the 5th starts a 1-minute wait, doubling up to 15 minutes (17 576 combinations to try).</summary>
    public static readonly ThrottleRule PerLink =
        new("participation-link", FreeAttempts: 5, FirstWait: TimeSpan.FromMinutes(1), MaxWait: TimeSpan.FromMinutes(15), Memory: TimeSpan.FromHours(24));

    /// <summary>Wrong letters per IP across links.</summary>
    public static readonly ThrottleRule PerIp =
        new("participation-link-ip", FreeAttempts: 30, FirstWait: TimeSpan.FromMinutes(1), MaxWait: TimeSpan.FromMinutes(15), Memory: TimeSpan.FromHours(1));
}

public static class ParticipationLinkErrors
{
    public const string TooManyAttemptsCode = "participation_link.too_many_attempts";

    public static readonly Error Invalid = new(
        "participation_link.invalid",
        "Ce lien n'est pas valide. Vérifiez qu'il est complet, ou connectez-vous à votre compte pour retrouver vos rendez-vous.");

    public static readonly Error Missing = new(
        "participation_link.letters_missing",
        "Saisissez les 3 premières lettres de votre nom de famille.");

    public static readonly Error WrongLetters = new(
        "participation_link.wrong_letters",
        "Les lettres saisies ne correspondent pas aux 3 premières lettres du nom de famille. Vérifiez votre saisie.");

    public static Error TooManyAttempts(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return new(TooManyAttemptsCode, $"Trop de tentatives. Réessayez dans {(minutes == 1 ? "1 minute" : $"{minutes} minutes")}.");
    }
}

/// <summary>Whether <paramref name="Token"/> is the link of a participation of RDV <paramref name="RdvId"/> (the page then asks for the letters).</summary>
public sealed record GetParticipationLinkQuery(long RdvId, string Token) : IQuery<bool>;

public sealed class GetParticipationLinkHandler(IRdvRepository rdvs) : IQueryHandler<GetParticipationLinkQuery, bool>
{
    public async ValueTask<bool> Handle(GetParticipationLinkQuery query, CancellationToken cancellationToken) =>
        await rdvs.FindByParticipationTokenAsync(query.Token, cancellationToken) is { } target && target.RdvId == query.RdvId;
}

/// <summary>
/// The name check of a participation link, throttled per link and per client IP; only wrong letters count
/// (an empty answer does not). A request, not an ICommand: the refused attempt's count must not roll back.
/// </summary>
public sealed record VerifyParticipationLinkCommand(long RdvId, string Token, string? Letters, string? ClientIp = null)
    : IRequest<Result<ParticipationLinkAccess>>;

public sealed class VerifyParticipationLinkHandler(IRdvRepository rdvs, IUsagerRepository usagers, IAttemptThrottle throttle)
    : IRequestHandler<VerifyParticipationLinkCommand, Result<ParticipationLinkAccess>>
{
    public async ValueTask<Result<ParticipationLinkAccess>> Handle(VerifyParticipationLinkCommand command, CancellationToken cancellationToken)
    {
        var target = await rdvs.FindByParticipationTokenAsync(command.Token, cancellationToken);
        if (target is null || target.RdvId != command.RdvId) return ParticipationLinkErrors.Invalid;
        var participant = await usagers.GetAsync(target.UserId, cancellationToken);
        if (participant is null || participant.DeletedAt is not null) return ParticipationLinkErrors.Invalid;
        if (LastNameInitials.Normalise(command.Letters).Length == 0) return ParticipationLinkErrors.Missing;

        var wait = Max(
            await throttle.WaitAsync(ParticipationLinkRules.PerLink, command.Token, cancellationToken),
            await throttle.WaitAsync(ParticipationLinkRules.PerIp, command.ClientIp, cancellationToken));
        // No check at all while a wait applies, so guessing stops even for a lucky guess.
        if (wait > TimeSpan.Zero) return ParticipationLinkErrors.TooManyAttempts(wait);

        var responsible = participant.ResponsibleId is { } responsibleId ? await usagers.GetAsync(responsibleId, cancellationToken) : null;
        if (!LastNameInitials.Matches(command.Letters, [participant.LastName, responsible?.LastName]))
        {
            await throttle.RecordAsync(ParticipationLinkRules.PerLink, command.Token, cancellationToken);
            await throttle.RecordAsync(ParticipationLinkRules.PerIp, command.ClientIp, cancellationToken);
            return ParticipationLinkErrors.WrongLetters;
        }
        await throttle.ResetAsync(ParticipationLinkRules.PerLink, command.Token, cancellationToken);
        return new ParticipationLinkAccess(target.ParticipationId, target.RdvId, responsible?.Id ?? participant.Id);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
