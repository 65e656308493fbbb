using Mediator;
using RdvSP.Application.Identity.Abstractions;

namespace RdvSP.Application.Identity.Sessions;

/// <summary>Opens the server-side session of someone who just signed in; returns the session id for the cookie.</summary>
public sealed record OpenSessionCommand(SessionActor Actor, long ActorId) : ICommand<string>;

/// <summary>Sign-out: the session ends for every instance, so a copy of the cookie opens nothing afterwards.</summary>
public sealed record EndSessionCommand(string? SessionId) : ICommand;

public sealed class OpenSessionHandler(ISessionStore sessions) : ICommandHandler<OpenSessionCommand, string>
{
    public async ValueTask<string> Handle(OpenSessionCommand command, CancellationToken cancellationToken) =>
        await sessions.OpenAsync(command.Actor, command.ActorId, SessionTimeouts.For(command.Actor), cancellationToken);
}

public sealed class EndSessionHandler(ISessionStore sessions) : ICommandHandler<EndSessionCommand>
{
    public async ValueTask<Unit> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(command.SessionId))
            await sessions.EndAsync(command.SessionId, cancellationToken);
        return Unit.Value;
    }
}
