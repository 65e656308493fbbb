using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.BookRdv;

/// <summary>A usager confirms a slot for themself and/or relatives (REFERENCE-SURFACES §1.3, step 3).</summary>
public sealed record BookRdvCommand(
    long UsagerId,
    long MotifId,
    long? LieuId,
    DateTimeOffset StartsAt,
    IReadOnlyList<long> ParticipantIds) : IRequest<Result<RdvCreated>>;

/// <summary>
/// Books inside one transaction that PostgreSQL serialises per agent: the candidate agents are locked
/// (advisory locks, id order), the slot is recomputed from committed data, one free agent is drawn at
/// random (the reference's rule) and the rdv is inserted as exclusive, which the exclusion constraint
/// checks once more. A second usager racing for the same slot is told it is taken in milliseconds: first
/// from the search's version-checked caches, with no transaction, connection held or lock queued (a
/// burst of losers costs one small query each), then before locking when the winner has committed, else
/// after a bounded lock wait (<see cref="BookingSlotChecker"/>).
/// Deliberately a request that opens its own transaction, not an ICommand wrapped whole by the
/// transaction behaviour: the optimistic check must run before the transaction.
/// </summary>
public sealed class BookRdvHandler(
    BookingSlotChecker checker,
    IRdvRepository rdvs,
    IUsagerRepository usagers,
    IUnitOfWork unitOfWork,
    BookingBurstGuard burst,
    IRdvNotifier notifier) : IRequestHandler<BookRdvCommand, Result<RdvCreated>>
{
    public async ValueTask<Result<RdvCreated>> Handle(BookRdvCommand command, CancellationToken ct)
    {
        var (ran, outcome) = await burst.RunAsync(
            new BookingBurstGuard.SlotKey(command.MotifId, command.LieuId, command.StartsAt),
            () => BookAsync(command, ct),
            result => result.IsFailure && result.Error == BookingErrors.SlotUnavailable,
            ct);
        return ran ? outcome : BookingErrors.SlotUnavailable;
    }

    private async Task<Result<RdvCreated>> BookAsync(BookRdvCommand command, CancellationToken ct)
    {
        // A "free" answer proves nothing (it is re-checked under the locks); "taken" is final.
        var quick = await checker.FindFreeAgentsAsync(command.MotifId, command.LieuId, command.StartsAt, ct);
        if (quick.IsFailure) return quick.Error;

        await unitOfWork.BeginAsync(ct);
        try
        {
            var booked = await BookLockedAsync(command, ct);
            if (booked.IsSuccess) await unitOfWork.CommitAsync(ct);
            else await unitOfWork.RollbackAsync(CancellationToken.None);
            return booked;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<Result<RdvCreated>> BookLockedAsync(BookRdvCommand command, CancellationToken ct)
    {
        var family = await usagers.ListFamilyIdsAsync(command.UsagerId, ct);
        if (command.ParticipantIds.Count == 0 || command.ParticipantIds.Any(id => !family.Contains(id)))
            return BookingUseCaseErrors.ParticipantNotInFamily;

        var check = await checker.LockAndFindFreeAgentsAsync(command.MotifId, command.LieuId, command.StartsAt, ct);
        if (check.IsFailure) return check.Error;
        var (motif, slot, freeAgents) = check.Value;
        if (await PhoneRdvRule.LacksPhoneNumberAsync(motif, command.UsagerId, usagers, ct)) return BookingUseCaseErrors.PhoneNumberRequired;

        foreach (var agentId in freeAgents.OrderBy(_ => Random.Shared.Next()))
        {
            var created = await rdvs.InsertAsync(new NewRdv(
                motif.OrganisationId,
                motif.Id,
                slot.LieuId,
                slot.Start,
                slot.End,
                [agentId],
                command.ParticipantIds.Select(id => new NewParticipation(id, Notified(motif), Notified(motif), CreatedByTypes.User, command.UsagerId)).ToList(),
                CreatedByTypes.User,
                command.UsagerId,
                ExclusiveForAgents: true), ct);
            if (created.IsSuccess)
            {
                await usagers.AddFamilyToOrganisationAsync(command.UsagerId, motif.OrganisationId, ct);
                // In the booking's transaction: a rolled-back booking tells nobody.
                await notifier.RdvChangedAsync(created.Value.Id, new RdvEvent.Created(), Author.Usager(command.UsagerId), ct);
                return created;
            }
            if (created.Error != BookingErrors.SlotUnavailable) return created.Error;
        }
        return BookingErrors.SlotUnavailable;
    }

    private static bool Notified(MotifDto motif) => motif.VisibilityType == VisibilityTypes.VisibleAndNotified;
}
