using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Identity.AgentAccount;

/// <summary>"Votre compte" and "Préférences de notifications" (/agents/edit, /agents/preferences): the signed-in agent's profile.</summary>
public sealed record GetAgentProfileQuery : IAgentSelfRequest, IQuery<AgentProfileDto>;

public sealed class GetAgentProfileHandler(IAgentProfileRepository profiles, ICurrentActor actor)
    : IQueryHandler<GetAgentProfileQuery, AgentProfileDto>
{
    public async ValueTask<AgentProfileDto> Handle(GetAgentProfileQuery query, CancellationToken cancellationToken) =>
        await profiles.GetAsync(actor.AgentId!.Value, cancellationToken)
        ?? throw new AccessDeniedException(AccessDenial.NotSignedIn, nameof(GetAgentProfileQuery));
}

/// <summary>"Votre compte": first and last name (the e-mail and services are shown read-only).</summary>
public sealed record UpdateAgentAccountCommand(string FirstName, string LastName) : IAgentSelfRequest, ICommand;

public sealed class UpdateAgentAccountHandler(IAgentProfileRepository profiles, ICurrentActor actor)
    : ICommandHandler<UpdateAgentAccountCommand>
{
    public async ValueTask<Unit> Handle(UpdateAgentAccountCommand command, CancellationToken cancellationToken)
    {
        await profiles.UpdateNamesAsync(actor.AgentId!.Value, command.FirstName.Trim(), command.LastName.Trim(), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>"Préférences de notifications": RDV e-mails all/others/soon/none, plage and absence e-mails all/none.</summary>
public sealed record UpdateAgentPreferencesCommand(string RdvNotificationsLevel, string PlageOuvertureNotificationLevel, string AbsenceNotificationLevel)
    : IAgentSelfRequest, ICommand;

public sealed class UpdateAgentPreferencesHandler(IAgentProfileRepository profiles, ICurrentActor actor)
    : ICommandHandler<UpdateAgentPreferencesCommand>
{
    public async ValueTask<Unit> Handle(UpdateAgentPreferencesCommand command, CancellationToken cancellationToken)
    {
        await profiles.UpdateNotificationLevelsAsync(
            actor.AgentId!.Value,
            new AgentNotificationLevels(command.RdvNotificationsLevel, command.PlageOuvertureNotificationLevel, command.AbsenceNotificationLevel),
            cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// "Mot de passe" (/agents/mot_de_passe/edit): the current password, then a new one with the policy.
/// A change ends every other session of the agent and keeps <see cref="CurrentSessionId"/>. Wrong
/// current passwords are counted like failed sign-ins (a stolen cookie cannot guess it freely).
/// </summary>
public sealed record ChangeAgentPasswordCommand(string CurrentPassword, string NewPassword, string PasswordConfirmation, string? CurrentSessionId, string? ClientIp = null)
    : IAgentSelfRequest, ICommand<Result>;

public sealed class ChangeAgentPasswordHandler(
    IAgentAccountRepository accounts, IPasswordHasher hasher, ISessionStore sessions, IAttemptThrottle throttle, ICurrentActor actor)
    : ICommandHandler<ChangeAgentPasswordCommand, Result>
{
    public static readonly Error WrongCurrentPassword = new("identity.wrong_current_password", "Le mot de passe actuel est incorrect.");

    public async ValueTask<Result> Handle(ChangeAgentPasswordCommand command, CancellationToken cancellationToken)
    {
        var agentId = actor.AgentId!.Value;
        var subject = $"agent-password {agentId} {command.ClientIp}";
        var wait = await throttle.WaitAsync(IdentityLimits.SignInPerAccountAndIp, subject, cancellationToken);
        if (wait > TimeSpan.Zero) return IdentityErrors.TooManySignIns(wait);

        var account = await accounts.GetAsync(agentId, cancellationToken);
        if (account?.PasswordHash is null || hasher.Verify(account.PasswordHash, command.CurrentPassword) == PasswordCheck.Failed)
        {
            await throttle.RecordAsync(IdentityLimits.SignInPerAccountAndIp, subject, cancellationToken);
            return WrongCurrentPassword;
        }
        await throttle.ResetAsync(IdentityLimits.SignInPerAccountAndIp, subject, cancellationToken);
        await accounts.SetPasswordAsync(agentId, hasher.Hash(command.NewPassword), null, cancellationToken);
        await sessions.EndAllAsync(SessionActor.Agent, agentId, command.CurrentSessionId, cancellationToken);
        return Result.Success;
    }
}
