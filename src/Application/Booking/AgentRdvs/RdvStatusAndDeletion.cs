using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>An agent sets the status of an RDV from its page (REFERENCE-DOMAIN §5.6): only the transitions the page offers.</summary>
public sealed record SetAgentRdvStatusCommand(long OrganisationId, long RdvId, string Status) : IOrganisationRequest, ICommand<Result>;

public sealed class SetAgentRdvStatusPolicy(IAgentRdvStore store) : IPolicy<SetAgentRdvStatusCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, SetAgentRdvStatusCommand request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class SetAgentRdvStatusHandler(IRdvRepository rdvs, IAgentRdvStore store, IRdvNotifier notifier, CurrentAgentAccess current, TimeProvider clock)
    : ICommandHandler<SetAgentRdvStatusCommand, Result>
{
    public async ValueTask<Result> Handle(SetAgentRdvStatusCommand command, CancellationToken cancellationToken)
    {
        if (!RdvStatusExtensions.TryParseRdvStatus(command.Status, out var status)) return AgentRdvErrors.UnknownStatus;
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        if (rdv is null) return BookingErrors.RdvNotFound;
        var now = clock.GetUtcNow();
        if (!AgentRdvStatuses.Offered(rdv, now).Contains(status)) return AgentRdvErrors.StatusNotOffered;

        var participations = rdv.Participants.Select(p => RdvStatusExtensions.TryParseRdvStatus(p.Status, out var s) ? s : RdvStatus.Unknown).ToList();
        var change = RdvStatusRules.SetRdvStatus(status, participations, rdv.Collectif, now);
        if (change.IsFailure) return change.Error;
        await store.SetStatusAsync(rdv.Id, change.Value, rdv.Participants.Select(p => p.ParticipationId).ToList(), cancellationToken);

        // Cancelling tells the participants who were still expected; re-opening a cancelled RDV books it again.
        var author = Author.Agent(current.Value.AgentId);
        var wasCancelled = RdvStatuses.IsCancelled(rdv.Status);
        var nowCancelled = status is RdvStatus.Excused or RdvStatus.Revoked;
        if (nowCancelled && !wasCancelled)
        {
            var active = rdv.Participants.Where(p => !RdvStatuses.IsCancelled(p.Status)).Select(p => p.ParticipationId).ToList();
            await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Cancelled(active, WholeRdv: true), author, cancellationToken);
        }
        else if (wasCancelled && status == RdvStatus.Unknown)
        {
            await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Created(), author, cancellationToken);
        }
        return Result.Success;
    }
}

/// <summary>An admin deletes an RDV for good (REFERENCE-DOMAIN §5.6: no usager notification).</summary>
public sealed record DeleteAgentRdvCommand(long OrganisationId, long RdvId) : IOrganisationRequest, ICommand<Result>;

/// <summary>Admins only (§2.6), on an RDV of their organisation. The RDV page asks this same policy whether to offer the button.</summary>
public sealed class DeleteAgentRdvPolicy(IAgentRdvStore store) : IPolicy<DeleteAgentRdvCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, DeleteAgentRdvCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin && await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class DeleteAgentRdvHandler(IAgentRdvStore store) : ICommandHandler<DeleteAgentRdvCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteAgentRdvCommand command, CancellationToken cancellationToken)
    {
        // A deletion tells no usager (REFERENCE-DOMAIN §5.6); the webhooks of the API issue will hook here.
        if (!await store.DeleteAsync(command.RdvId, cancellationToken)) return BookingErrors.RdvNotFound;
        return Result.Success;
    }
}

/// <summary>The status choices of an RDV for agents (REFERENCE-DOMAIN §5.6 table), by its local day.</summary>
public static class AgentRdvStatuses
{
    public static IReadOnlyList<RdvStatus> Offered(RdvDto rdv, DateTimeOffset now)
    {
        var zone = SlotSearcher.ZoneOf(rdv.TimeZone);
        RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var status);
        return RdvStatusRules.OfferedTransitions(status, SlotSearcher.LocalDay(rdv.StartsAt, zone), SlotSearcher.LocalDay(now, zone),
            hasStarted: now >= rdv.StartsAt, isCollective: rdv.Collectif);
    }

    public static TemporalStatus Temporal(RdvDto rdv, DateTimeOffset now)
    {
        var zone = SlotSearcher.ZoneOf(rdv.TimeZone);
        RdvStatusExtensions.TryParseRdvStatus(rdv.Status, out var status);
        return RdvStatusRules.Temporal(status, SlotSearcher.LocalDay(rdv.StartsAt, zone), SlotSearcher.LocalDay(now, zone));
    }

    /// <summary>The reference's French labels of the agent UI.</summary>
    public static string Label(RdvStatus status, TemporalStatus temporal) => status switch
    {
        RdvStatus.Seen => "Rendez-vous honoré",
        RdvStatus.Noshow => "Absence non excusée",
        RdvStatus.Excused => "Annulé à l'initiative de l'usager",
        RdvStatus.Revoked => "Annulé par le service",
        _ => temporal == TemporalStatus.UnknownFuture ? "Rendez-vous à venir" : "À renseigner",
    };

    /// <summary>What the dropdown says for a choice ("Réinitialiser" brings a final status back to unknown).</summary>
    public static string ActionLabel(RdvStatus status) => status == RdvStatus.Unknown ? "Réinitialiser" : Label(status, TemporalStatus.Final);
}
