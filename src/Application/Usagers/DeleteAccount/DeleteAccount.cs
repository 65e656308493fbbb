using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Usagers.DeleteAccount;

/// <summary>
/// The usager deletes its account: it and its relatives are anonymised, their rdvs still to come are
/// cancelled ("excused": the usager's own initiative) so the slots are free again, and its credentials
/// removed, in one transaction; every session of the account ends. Past rdvs stay (anonymous) for statistics.
/// </summary>
public sealed record DeleteAccountCommand(long UsagerId) : ICommand<Result>;

public sealed class DeleteAccountHandler(IUsagerRepository usagers, IUsagerAccountRepository accounts, IRdvRepository rdvs, ISessionStore sessions, TimeProvider clock)
    : ICommandHandler<DeleteAccountCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteAccountCommand command, CancellationToken cancellationToken)
    {
        var usager = await usagers.GetAsync(command.UsagerId, cancellationToken);
        if (usager is null || usager.DeletedAt is not null) return UsagerErrors.UsagerNotFound;
        var now = clock.GetUtcNow();
        var anonymised = await usagers.AnonymiseAsync(usager.Id, now, cancellationToken);
        await rdvs.CancelUpcomingOfUsagersAsync(anonymised, now, cancellationToken);
        await accounts.DeleteAsync(usager.Id, cancellationToken);
        await sessions.EndAllAsync(SessionActor.Usager, usager.Id, keepSessionId: null, cancellationToken);
        return Result.Success;
    }
}
