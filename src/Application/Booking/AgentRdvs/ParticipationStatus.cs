using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>
/// An agent sets one participant's status (REFERENCE-API §2.21, the reference's
/// <c>Participation::StatusChangeable</c>): the RDV's status is recomputed from its participations; the
/// participant is told of a new cancellation, or booked again when going back to unknown. The same
/// status as now changes nothing.
/// </summary>
public sealed record SetParticipationStatusCommand(long OrganisationId, long RdvId, long ParticipationId, string Status) : IOrganisationRequest, ICommand<Result>;

/// <summary>The RDV must be visible to the agent (§2.6) and the participation one of its own.</summary>
public sealed class SetParticipationStatusPolicy(IAgentRdvStore store, IRdvRepository rdvs) : IPolicy<SetParticipationStatusCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, SetParticipationStatusCommand request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } facts && facts.VisibleTo(access)
        && await rdvs.GetAsync(request.RdvId, cancellationToken) is { } rdv && rdv.Participants.Any(p => p.ParticipationId == request.ParticipationId);
}

public sealed class SetParticipationStatusHandler(IRdvRepository rdvs, IAgentRdvStore store, IRdvNotifier notifier, CurrentAgentAccess current, TimeProvider clock)
    : ICommandHandler<SetParticipationStatusCommand, Result>
{
    public async ValueTask<Result> Handle(SetParticipationStatusCommand command, CancellationToken cancellationToken)
    {
        if (!RdvStatusExtensions.TryParseRdvStatus(command.Status, out var status)) return AgentRdvErrors.UnknownStatus;
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        var participant = rdv?.Participants.FirstOrDefault(p => p.ParticipationId == command.ParticipationId);
        if (rdv is null || participant is null) return BookingErrors.RdvNotFound;
        RdvStatusExtensions.TryParseRdvStatus(participant.Status, out var before);
        if (before == status) return Result.Success;

        var now = clock.GetUtcNow();
        var statuses = rdv.Participants
            .Select(p => p.ParticipationId == command.ParticipationId ? status : RdvStatusExtensions.TryParseRdvStatus(p.Status, out var s) ? s : RdvStatus.Unknown)
            .ToList();
        RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var rdvStatus);
        var recomputed = rdv.Collectif
            ? RdvStatusRules.RecomputeCollective(rdvStatus, statuses, hasStarted: now >= rdv.StartsAt)
            : RdvStatusRules.RecomputeIndividual(statuses);
        await store.SetStatusAsync(rdv.Id, new RdvStatusChange(recomputed, RdvStatusRules.CancelledAt(recomputed, now), statuses),
            rdv.Participants.Select(p => p.ParticipationId).ToList(), cancellationToken);

        var author = Author.Agent(current.Value.AgentId);
        var wasCancelled = before is RdvStatus.Excused or RdvStatus.Revoked;
        if (status is RdvStatus.Excused or RdvStatus.Revoked && !wasCancelled)
            await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Cancelled([participant.ParticipationId], WholeRdv: false), author, cancellationToken);
        else if (wasCancelled && status == RdvStatus.Unknown)
            await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Created([participant.ParticipationId]), author, cancellationToken);
        return Result.Success;
    }
}
