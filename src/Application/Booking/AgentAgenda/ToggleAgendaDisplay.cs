using Mediator;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>"Afficher les samedis" / "Afficher les RDV annulés": the signed-in agent's own agenda preferences.</summary>
public sealed record ToggleAgendaDisplayCommand(AgendaDisplay Display, bool Shown) : IAgentSelfRequest, ICommand;

public sealed class ToggleAgendaDisplayHandler(IAgentAgendaRepository reader, ICurrentActor actor) : ICommandHandler<ToggleAgendaDisplayCommand>
{
    public async ValueTask<Unit> Handle(ToggleAgendaDisplayCommand command, CancellationToken cancellationToken)
    {
        await reader.SetDisplayAsync(actor.AgentId!.Value, command.Display, command.Shown, cancellationToken);
        return Unit.Value;
    }
}
