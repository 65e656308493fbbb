using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>
/// « Envoyer un rappel manuellement » (REFERENCE-SURFACES §2.3.5): the reminder of a future, not
/// cancelled RDV, to its participants who want reminders, now. Recorded in the outbox like any
/// notification; the planner decides who gets what (visibility of the motif, flags, relatives).
/// </summary>
public sealed record SendRdvReminderCommand(long OrganisationId, long RdvId) : IOrganisationRequest, ICommand<Result>;

/// <summary>Whoever may see the RDV may remind its participants.</summary>
public sealed class SendRdvReminderPolicy(IAgentRdvStore store) : IPolicy<SendRdvReminderCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, SendRdvReminderCommand request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class SendRdvReminderHandler(IRdvRepository rdvs, IRdvNotifier notifier, CurrentAgentAccess current, TimeProvider clock)
    : ICommandHandler<SendRdvReminderCommand, Result>
{
    public static readonly Error NotRemindable = new("rdv.not_remindable", "Un rappel ne peut être envoyé que pour un RDV à venir et non annulé.");

    public async ValueTask<Result> Handle(SendRdvReminderCommand command, CancellationToken cancellationToken)
    {
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        if (rdv is null) return BookingErrors.RdvNotFound;
        if (rdv.IsCancelled || rdv.StartsAt <= clock.GetUtcNow()) return NotRemindable;
        await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Reminder(), Author.Agent(current.Value.AgentId), cancellationToken);
        return Result.Success;
    }
}
