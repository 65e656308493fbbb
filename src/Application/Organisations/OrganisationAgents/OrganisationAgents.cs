using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.AgentAccount;
using RdvSP.Application.Identity.AgentInvitation;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Organisations.OrganisationAgents;

public static class OrganisationAgentErrors
{
    public static readonly Error AlreadyMember = new("agents.already_member", "Cet agent fait déjà partie de l'organisation.");
    public static readonly Error UnknownService = new("agents.unknown_service", "Choisissez des services parmi ceux proposés.");
    public static readonly Error LastAdmin = new("agents.last_admin", "L'organisation doit garder au moins un administrateur : nommez d'abord un autre administrateur.");
    public static readonly Error Oneself = new("agents.oneself", "Vous ne pouvez pas vous retirer vous-même de l'organisation.");
    public static readonly Error FutureRdvs = new("agents.future_rdvs", "Cet agent a des RDV à venir dans cette organisation : réattribuez-les ou annulez-les avant de le retirer.");
    public static readonly Error IntervenantElsewhere = new("agents.intervenant_elsewhere", "Un intervenant ne peut appartenir qu'à une seule organisation.");
    public static readonly Error EmailAgentToIntervenant = new("agents.email_to_intervenant", "Un agent qui a une adresse e-mail ne peut pas devenir intervenant : retirez-le et ajoutez un intervenant.");
    public static readonly Error EmailTaken = new("agents.email_taken", "Un autre agent utilise déjà cette adresse e-mail : ajoutez-le depuis « Ajouter un agent ».");
    public static readonly Error EmailRequired = new("agents.email_required", "Indiquez l'adresse e-mail de l'agent : il recevra une invitation à se connecter.");

    public static readonly IReadOnlyList<string> Levels = [AccessLevels.Basic, AccessLevels.Admin, AccessLevels.Intervenant];
}

/// <summary>The rules shared by the invitation and the edit forms (French messages on Input.&lt;Property&gt;).</summary>
internal static class AgentFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator, Func<T, string> level, Func<T, string?> firstName, Func<T, string?> lastName, Func<T, IReadOnlyList<long>> services)
    {
        validator.RuleFor(c => level(c)).Must(OrganisationAgentErrors.Levels.Contains)
            .WithName("AccessLevel").OverridePropertyName("AccessLevel")
            .WithMessage("Choisissez un rôle parmi Basique, Administrateur et Intervenant.");
        validator.RuleFor(c => services(c)).NotEmpty().OverridePropertyName("ServiceIds").WithMessage("Choisissez au moins un service.");
        validator.RuleFor(c => services(c).Count).LessThanOrEqualTo(50).OverridePropertyName("ServiceIds").WithMessage("Choisissez au plus 50 services.");
        validator.RuleFor(c => lastName(c)).Must(v => !string.IsNullOrWhiteSpace(v)).When(c => level(c) == AccessLevels.Intervenant)
            .OverridePropertyName("LastName").WithMessage("Le nom de l'intervenant est obligatoire.");
        validator.RuleFor(c => firstName(c)).Must(v => v is null || v.Trim().Length <= AgentNameRules.MaxLength)
            .OverridePropertyName("FirstName").WithMessage($"Le prénom ne doit pas dépasser {AgentNameRules.MaxLength} caractères.");
        validator.RuleFor(c => lastName(c)).Must(v => v is null || v.Trim().Length <= AgentNameRules.MaxLength)
            .OverridePropertyName("LastName").WithMessage($"Le nom ne doit pas dépasser {AgentNameRules.MaxLength} caractères.");
    }
}

/// <summary>Admin only, and the agent named must have a role in the organisation.</summary>
internal static class AgentAdminPolicy
{
    public static async ValueTask<bool> AllowsAsync(IAgentAccessReader reader, AgentAccess access, long? agentId, CancellationToken cancellationToken) =>
        access.IsAdmin
        && (agentId is not { } id || await reader.AgentServicesInOrganisationAsync(id, access.OrganisationId, cancellationToken) is not null);
}

/// <summary>"Agents" (REFERENCE-SURFACES §2.3.13): search, role filter, "invitations en attente".</summary>
public sealed record ListOrganisationAgentsQuery(long OrganisationId, string? Search, string? AccessLevel, bool PendingInvitationOnly)
    : IOrganisationRequest, IQuery<OrganisationAgentList>;

public sealed record OrganisationAgentList(IReadOnlyList<OrganisationAgentRow> Agents, bool CanManage, long CurrentAgentId);

public sealed class ListOrganisationAgentsValidator : AbstractValidator<ListOrganisationAgentsQuery>
{
    public ListOrganisationAgentsValidator()
    {
        RuleFor(q => q.Search).MaximumLength(100).WithMessage("La recherche est trop longue (100 caractères au maximum).");
        RuleFor(q => q.AccessLevel).Must(l => l is null || OrganisationAgentErrors.Levels.Contains(l)).WithMessage("Ce rôle n'existe pas.");
    }
}

/// <summary>Every member may list (§2.6 "Agents: list"); the SQL keeps a basic agent to his confrères.</summary>
public sealed class ListOrganisationAgentsPolicy : IPolicy<ListOrganisationAgentsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListOrganisationAgentsQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListOrganisationAgentsHandler(IOrganisationAgentStore store, CurrentAgentAccess current)
    : IQueryHandler<ListOrganisationAgentsQuery, OrganisationAgentList>
{
    public async ValueTask<OrganisationAgentList> Handle(ListOrganisationAgentsQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var rows = await store.ListAsync(access, new OrganisationAgentFilter(
            string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(), query.AccessLevel, query.PendingInvitationOnly), cancellationToken);
        return new OrganisationAgentList(rows, access.IsAdmin, access.AgentId);
    }
}

/// <summary>What the "Ajouter un agent" and "Modifier" forms show: the services, and the agent edited.</summary>
public sealed record GetOrganisationAgentFormQuery(long OrganisationId, long? AgentId) : IOrganisationRequest, IQuery<OrganisationAgentForm>;

public sealed record OrganisationAgentForm(IReadOnlyList<ServiceDto> Services, OrganisationAgentRow? Agent);

public sealed class GetOrganisationAgentFormPolicy(IAgentAccessReader reader) : IPolicy<GetOrganisationAgentFormQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetOrganisationAgentFormQuery request, CancellationToken cancellationToken) =>
        AgentAdminPolicy.AllowsAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class GetOrganisationAgentFormHandler(IOrganisationRepository organisations, IOrganisationAgentStore store)
    : IQueryHandler<GetOrganisationAgentFormQuery, OrganisationAgentForm>
{
    public async ValueTask<OrganisationAgentForm> Handle(GetOrganisationAgentFormQuery query, CancellationToken cancellationToken)
    {
        var services = await organisations.ListServicesAsync(cancellationToken);
        var agent = query.AgentId is { } id ? await store.GetAsync(query.OrganisationId, id, cancellationToken) : null;
        return new OrganisationAgentForm(services, agent);
    }
}

/// <summary>
/// "Ajouter un agent": an intervenant (a name, no e-mail, never signs in), or an agent invited by
/// e-mail (the invitation of <see cref="InviteAgentCommand"/>); an e-mail already known adds that agent
/// to the organisation (and invites him again if he never activated his account).
/// </summary>
public sealed record InviteOrganisationAgentCommand(
    long OrganisationId, string AccessLevel, string? Email, string? FirstName, string? LastName, IReadOnlyList<long> ServiceIds)
    : IOrganisationRequest, ICommand<Result<long>>;

public sealed class InviteOrganisationAgentValidator : AbstractValidator<InviteOrganisationAgentCommand>
{
    public InviteOrganisationAgentValidator()
    {
        AgentFormRules.Apply(this, c => c.AccessLevel, c => c.FirstName, c => c.LastName, c => c.ServiceIds);
        RuleFor(c => c.Email ?? "").ValidEmail().OverridePropertyName("Email").When(c => c.AccessLevel != AccessLevels.Intervenant);
        RuleFor(c => c.Email).Empty().When(c => c.AccessLevel == AccessLevels.Intervenant)
            .WithMessage("Un intervenant n'a pas d'adresse e-mail (il ne se connecte pas) : laissez ce champ vide.");
    }
}

public sealed class InviteOrganisationAgentPolicy(IAgentAccessReader reader) : IPolicy<InviteOrganisationAgentCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, InviteOrganisationAgentCommand request, CancellationToken cancellationToken) =>
        AgentAdminPolicy.AllowsAsync(reader, access, null, cancellationToken);
}

public sealed class InviteOrganisationAgentHandler(
    IOrganisationAgentStore store, IAgentRepository agents, IAgentAccountRepository accounts, AgentAccountMailer mailer, CurrentAgentAccess current)
    : ICommandHandler<InviteOrganisationAgentCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(InviteOrganisationAgentCommand command, CancellationToken cancellationToken)
    {
        var serviceIds = command.ServiceIds.Distinct().ToList();
        if ((await store.ExistingServicesAsync(serviceIds, cancellationToken)).Count != serviceIds.Count) return OrganisationAgentErrors.UnknownService;
        var firstName = Trimmed(command.FirstName);
        var lastName = Trimmed(command.LastName) ?? "";
        if (command.AccessLevel == AccessLevels.Intervenant)
        {
            return await agents.AddAsync(new NewAgent(firstName, lastName, null, serviceIds,
                [new AgentRoleDto(command.OrganisationId, AccessLevels.Intervenant)]), cancellationToken);
        }

        var email = command.Email!.Trim();
        long agentId;
        if (await agents.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Roles.Any(r => r.OrganisationId == command.OrganisationId)) return OrganisationAgentErrors.AlreadyMember;
            agentId = existing.Id;
            await store.AddRoleAsync(command.OrganisationId, agentId, command.AccessLevel, cancellationToken);
            // An agent who already activated his account is simply added; the others get the invitation again.
            if ((await accounts.GetStateAsync(agentId, cancellationToken))?.HasPassword == true) return agentId;
        }
        else
        {
            agentId = await agents.AddAsync(new NewAgent(firstName, lastName, email, serviceIds,
                [new AgentRoleDto(command.OrganisationId, command.AccessLevel)]), cancellationToken);
        }
        var invited = await InviteAsync(agentId, cancellationToken);
        return invited.IsFailure ? invited.Error : agentId;
    }

    private async Task<Result> InviteAsync(long agentId, CancellationToken cancellationToken)
    {
        var inviter = await agents.GetAsync(current.Value.AgentId, cancellationToken);
        return await new InviteAgentHandler(accounts, mailer).Handle(
            new InviteAgentCommand(agentId, inviter is null ? null : $"{inviter.FirstName} {inviter.LastName}".Trim()), cancellationToken);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>"Renvoyer l'invitation": a new link (the previous one stops working) to an agent who has not activated his account.</summary>
public sealed record ReinviteOrganisationAgentCommand(long OrganisationId, long AgentId) : IOrganisationRequest, ICommand<Result>;

public sealed class ReinviteOrganisationAgentPolicy(IAgentAccessReader reader) : IPolicy<ReinviteOrganisationAgentCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ReinviteOrganisationAgentCommand request, CancellationToken cancellationToken) =>
        AgentAdminPolicy.AllowsAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class ReinviteOrganisationAgentHandler(IAgentRepository agents, IAgentAccountRepository accounts, AgentAccountMailer mailer, CurrentAgentAccess current)
    : ICommandHandler<ReinviteOrganisationAgentCommand, Result>
{
    public async ValueTask<Result> Handle(ReinviteOrganisationAgentCommand command, CancellationToken cancellationToken)
    {
        var inviter = await agents.GetAsync(current.Value.AgentId, cancellationToken);
        return await new InviteAgentHandler(accounts, mailer).Handle(
            new InviteAgentCommand(command.AgentId, inviter is null ? null : $"{inviter.FirstName} {inviter.LastName}".Trim()), cancellationToken);
    }
}

/// <summary>
/// "Modifier" an agent of the organisation: role, names, services; an intervenant given an e-mail and
/// the basic or admin role is invited. The organisation keeps at least one admin.
/// </summary>
public sealed record UpdateOrganisationAgentCommand(
    long OrganisationId, long AgentId, string AccessLevel, string? FirstName, string? LastName, IReadOnlyList<long> ServiceIds, string? Email)
    : IOrganisationRequest, ICommand<Result>;

public sealed class UpdateOrganisationAgentValidator : AbstractValidator<UpdateOrganisationAgentCommand>
{
    public UpdateOrganisationAgentValidator()
    {
        AgentFormRules.Apply(this, c => c.AccessLevel, c => c.FirstName, c => c.LastName, c => c.ServiceIds);
        RuleFor(c => c.Email ?? "").ValidEmail().OverridePropertyName("Email").When(c => !string.IsNullOrWhiteSpace(c.Email));
    }
}

public sealed class UpdateOrganisationAgentPolicy(IAgentAccessReader reader) : IPolicy<UpdateOrganisationAgentCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, UpdateOrganisationAgentCommand request, CancellationToken cancellationToken) =>
        AgentAdminPolicy.AllowsAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class UpdateOrganisationAgentHandler(
    IOrganisationAgentStore store, IAgentRepository agents, IAgentAccountRepository accounts, AgentAccountMailer mailer, CurrentAgentAccess current)
    : ICommandHandler<UpdateOrganisationAgentCommand, Result>
{
    public async ValueTask<Result> Handle(UpdateOrganisationAgentCommand command, CancellationToken cancellationToken)
    {
        var serviceIds = command.ServiceIds.Distinct().ToList();
        if ((await store.ExistingServicesAsync(serviceIds, cancellationToken)).Count != serviceIds.Count) return OrganisationAgentErrors.UnknownService;
        var agent = (await store.GetAsync(command.OrganisationId, command.AgentId, cancellationToken))!;
        var newEmail = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim();

        if (command.AccessLevel == AccessLevels.Intervenant && agent.AccessLevel != AccessLevels.Intervenant)
        {
            if (agent.Email is not null) return OrganisationAgentErrors.EmailAgentToIntervenant;
            if (await store.CountOrganisationsAsync(agent.Id, cancellationToken) > 1) return OrganisationAgentErrors.IntervenantElsewhere;
        }
        var promotedIntervenant = agent.AccessLevel == AccessLevels.Intervenant && command.AccessLevel != AccessLevels.Intervenant;
        if (promotedIntervenant && newEmail is null) return OrganisationAgentErrors.EmailRequired;
        if (promotedIntervenant && await agents.FindByEmailAsync(newEmail!, cancellationToken) is not null) return OrganisationAgentErrors.EmailTaken;

        if (agent.AccessLevel == AccessLevels.Admin && command.AccessLevel != AccessLevels.Admin
            && (await store.LockAdminsAsync(command.OrganisationId, cancellationToken)).Count <= 1)
            return OrganisationAgentErrors.LastAdmin;

        await store.UpdateAsync(command.OrganisationId, new AgentChange(
            agent.Id, command.AccessLevel, Trimmed(command.FirstName) ?? agent.FirstName, Trimmed(command.LastName) ?? agent.LastName,
            serviceIds, promotedIntervenant ? newEmail : null), cancellationToken);
        if (!promotedIntervenant) return Result.Success;
        var inviter = await agents.GetAsync(current.Value.AgentId, cancellationToken);
        return await new InviteAgentHandler(accounts, mailer).Handle(
            new InviteAgentCommand(agent.Id, inviter is null ? null : $"{inviter.FirstName} {inviter.LastName}".Trim()), cancellationToken);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// "Retirer de l'organisation" (REFERENCE-SURFACES §2.3.13, REFERENCE-DOMAIN §2.3): not oneself, not the
/// last admin, not while the agent has RDVs to come there; his plages there go with his role.
/// </summary>
public sealed record RemoveOrganisationAgentCommand(long OrganisationId, long AgentId) : IOrganisationRequest, ICommand<Result>;

public sealed class RemoveOrganisationAgentPolicy(IAgentAccessReader reader) : IPolicy<RemoveOrganisationAgentCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, RemoveOrganisationAgentCommand request, CancellationToken cancellationToken) =>
        AgentAdminPolicy.AllowsAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class RemoveOrganisationAgentHandler(IOrganisationAgentStore store, CurrentAgentAccess current, TimeProvider clock)
    : ICommandHandler<RemoveOrganisationAgentCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveOrganisationAgentCommand command, CancellationToken cancellationToken)
    {
        if (command.AgentId == current.Value.AgentId) return OrganisationAgentErrors.Oneself;
        var admins = await store.LockAdminsAsync(command.OrganisationId, cancellationToken);
        if (admins.Count <= 1 && admins.Contains(command.AgentId)) return OrganisationAgentErrors.LastAdmin;
        var now = clock.GetUtcNow();
        if (await store.HasFutureRdvsAsync(command.OrganisationId, command.AgentId, now, cancellationToken)) return OrganisationAgentErrors.FutureRdvs;
        await store.RemoveAsync(command.OrganisationId, command.AgentId, now, cancellationToken);
        return Result.Success;
    }
}
