using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Booking.BookRdv;

/// <summary>A usager confirms a slot for themself and/or relatives (REFERENCE-SURFACES §1.3, step 3).</summary>
public sealed record BookRdvCommand(
    long UsagerId,
    long MotifId,
    long? LieuId,
    DateTimeOffset StartsAt,
    IReadOnlyList<long> ParticipantIds) : ICommand<Result<RdvCreated>>;

/// <summary>
/// Books inside one transaction that PostgreSQL serialises per agent: the candidate agents are locked
/// (advisory locks, id order), the slot is recomputed from committed data, one free agent is drawn at
/// random (the reference's rule) and the rdv is inserted as exclusive, which the exclusion constraint
/// checks once more. A second usager racing for the same slot is told it is taken in milliseconds: before
/// locking when the winner has committed, else after a bounded lock wait (<see cref="BookingSlotChecker"/>).
/// </summary>
public sealed class BookRdvHandler(
    BookingSlotChecker checker,
    IRdvRepository rdvs,
    IUsagerRepository usagers) : ICommandHandler<BookRdvCommand, Result<RdvCreated>>
{
    public async ValueTask<Result<RdvCreated>> Handle(BookRdvCommand command, CancellationToken ct)
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
                return created;
            }
            if (created.Error != BookingErrors.SlotUnavailable) return created.Error;
        }
        return BookingErrors.SlotUnavailable;
    }

    private static bool Notified(MotifDto motif) => motif.VisibilityType == VisibilityTypes.VisibleAndNotified;
}
