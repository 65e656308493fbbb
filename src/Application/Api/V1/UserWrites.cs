using FluentValidation;
using Mediator;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Api.V1;

/// <summary>
/// POST /api/v1/users (REFERENCE-API §2.13): the agent space's usager creation (same validator, same
/// saving rules, same e-mail duplicate rule) in every organisation of <see cref="OrganisationIds"/>
/// (the first is <see cref="IOrganisationRequest.OrganisationId"/>), with its référents. Unlike the
/// reference, the caller must have a role in each organisation and see each référent and the responsible.
/// </summary>
public sealed record CreateApiUserCommand : UsagerInput, IOrganisationRequest, ICommand<UsagerSaveOutcome>
{
    public long OrganisationId { get; init; }
    public IReadOnlyList<long> OrganisationIds { get; init; } = [];
    public IReadOnlyList<long> ReferentAgentIds { get; init; } = [];
}

public sealed class CreateApiUserPolicy(IUsagerDirectory directory, IAgentAccessReader agents) : IPolicy<CreateApiUserCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateApiUserCommand request, CancellationToken cancellationToken) =>
        (request.ResponsibleId is not { } responsible || await directory.CountVisibleAsync(access.OrganisationId, [responsible], cancellationToken) == 1)
        && await ApiUserAccess.AllowsOrganisationsAndReferentsAsync(agents, access, request.OrganisationIds, request.ReferentAgentIds, cancellationToken);
}

public sealed class CreateApiUserValidator(TimeProvider clock) : UsagerInputValidator<CreateApiUserCommand>(clock);

public sealed class CreateApiUserHandler(IUsagerDirectory directory, IUsagerRepository usagers, IApiWriter writer) : ICommandHandler<CreateApiUserCommand, UsagerSaveOutcome>
{
    public async ValueTask<UsagerSaveOutcome> Handle(CreateApiUserCommand command, CancellationToken cancellationToken)
    {
        var record = await UsagerSaving.BuildAsync(directory, command, ApiUserAccess.Fields, existing: null, cancellationToken);
        if (await UsagerSaving.CheckDuplicatesAsync(directory, command.OrganisationId, confirmLookAlikes: true, record, cancellationToken) is { } held) return held;
        var id = await directory.CreateAsync(record, command.OrganisationId, cancellationToken);
        await writer.MarkCreatedThroughApiAsync(id, cancellationToken);
        foreach (var organisationId in command.OrganisationIds) await usagers.AddFamilyToOrganisationAsync(id, organisationId, cancellationToken);
        foreach (var agentId in command.ReferentAgentIds) await usagers.AddReferentAsync(id, agentId, cancellationToken);
        return UsagerSaveOutcome.Saved(id);
    }
}

/// <summary>
/// PATCH|PUT /api/v1/users/{id} (REFERENCE-API §2.15): the agent space's usager edit; the endpoint has
/// merged the fields sent with the stored ones. <see cref="OrganisationIds"/> and
/// <see cref="ReferentAgentIds"/>, when given, replace the usager's organisations and référents; the
/// caller must have a role in each new organisation (the reference does not check: a security gap).
/// </summary>
public sealed record UpdateApiUserCommand : UsagerInput, IOrganisationRequest, ICommand<UsagerSaveOutcome>
{
    public long OrganisationId { get; init; }
    public long UserId { get; init; }
    public IReadOnlyList<long>? OrganisationIds { get; init; }
    public IReadOnlyList<long>? ReferentAgentIds { get; init; }
}

/// <summary>
/// The usager (and his responsible) visible here, the référents visible, and a role in every
/// organisation the usager joins or leaves (the reference checks none of them: a security gap).
/// </summary>
public sealed class UpdateApiUserPolicy(IUsagerDirectory directory, IAgentAccessReader agents, IUsagerRepository usagers) : IPolicy<UpdateApiUserCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdateApiUserCommand request, CancellationToken cancellationToken)
    {
        long[] ids = request.ResponsibleId is { } responsible && responsible != request.UserId ? [request.UserId, responsible] : [request.UserId];
        if (await directory.CountVisibleAsync(access.OrganisationId, ids, cancellationToken) != ids.Length) return false;
        IReadOnlyList<long> changed = [];
        if (request.OrganisationIds is { } wanted)
        {
            var current = await usagers.ListOrganisationIdsAsync(request.UserId, cancellationToken);
            changed = [.. wanted.Except(current).Union(current.Except(wanted))];
        }
        return await ApiUserAccess.AllowsOrganisationsAndReferentsAsync(agents, access, changed, request.ReferentAgentIds ?? [], cancellationToken);
    }
}

public sealed class UpdateApiUserValidator(TimeProvider clock) : UsagerInputValidator<UpdateApiUserCommand>(clock);

public sealed class UpdateApiUserHandler(IUsagerDirectory directory, IApiWriter writer) : ICommandHandler<UpdateApiUserCommand, UsagerSaveOutcome>
{
    public async ValueTask<UsagerSaveOutcome> Handle(UpdateApiUserCommand command, CancellationToken cancellationToken)
    {
        var existing = await directory.GetRecordAsync(command.UserId, cancellationToken)
            ?? throw new AccessDeniedException(AccessDenial.Forbidden, nameof(UpdateApiUserCommand));
        if (command.ResponsibleId == command.UserId)
            throw Invalid(nameof(UsagerInput.ResponsibleId), "Un usager ne peut pas être son propre responsable.");
        if (command.IsRelative && !existing.IsRelative && await directory.HasRelativesAsync(command.UserId, cancellationToken))
            throw Invalid(nameof(UsagerInput.ResponsibleId), "Cet usager a des proches : il ne peut pas devenir lui-même un proche.");
        // A usager who signed in with FranceConnect keeps the identity it certified (REFERENCE-API §2.15).
        var input = existing.FranceconnectOpenidSub is null ? command : command with { FirstName = existing.FirstName, BirthName = existing.BirthName };
        var record = await UsagerSaving.BuildAsync(directory, input, ApiUserAccess.Fields, existing, cancellationToken);
        if (await UsagerSaving.CheckDuplicatesAsync(directory, command.OrganisationId, confirmLookAlikes: true, record, cancellationToken) is { } held) return held;
        await directory.UpdateAsync(record, cancellationToken);
        if (command.OrganisationIds is { } organisations) await writer.ReplaceUserOrganisationsAsync(existing.Id, organisations, cancellationToken);
        if (command.ReferentAgentIds is { } referents) await writer.ReplaceReferentsAsync(existing.Id, referents, cancellationToken);
        return UsagerSaveOutcome.Saved(existing.Id);
    }

    private static ValidationFailedException Invalid(string property, string message) => new(new Dictionary<string, string[]> { [property] = [message] });
}

/// <summary>
/// POST /api/v1/users/{id}/rdv_invitation_token (REFERENCE-API §2.16, REFERENCE-DOMAIN §5.14): the
/// usager's token, created on first call (8 characters A–Z0–9, invited_through = external); every
/// call refreshes its date (which postpones the retention purge and fires a user webhook).
/// </summary>
public sealed record CreateApiInvitationTokenCommand(long OrganisationId, long UserId) : IOrganisationRequest, ICommand<string>;

public sealed class CreateApiInvitationTokenPolicy(IUsagerDirectory directory) : IPolicy<CreateApiInvitationTokenCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateApiInvitationTokenCommand request, CancellationToken cancellationToken) =>
        await directory.CountVisibleAsync(access.OrganisationId, [request.UserId], cancellationToken) == 1;
}

public sealed class CreateApiInvitationTokenHandler(IApiWriter writer) : ICommandHandler<CreateApiInvitationTokenCommand, string>
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public async ValueTask<string> Handle(CreateApiInvitationTokenCommand command, CancellationToken cancellationToken)
    {
        string candidate;
        do candidate = System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 8);
        while (await writer.InvitationTokenTakenAsync(candidate, cancellationToken));
        return await writer.SetInvitationTokenAsync(command.UserId, candidate, cancellationToken);
    }
}

/// <summary>
/// POST /api/v1/user_profiles (REFERENCE-API §2.17): attaches a usager of the territory to the
/// organisation, like the agent space's "link to organisation" (same policy), but the usager alone
/// (relatives are not attached, as in the reference). Unknown usager or existing profile: 422.
/// </summary>
public sealed record CreateApiUserProfileCommand(long OrganisationId, long UserId) : IOrganisationRequest, ICommand;

public sealed class CreateApiUserProfilePolicy(IUsagerDirectory directory) : IPolicy<CreateApiUserProfileCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateApiUserProfileCommand request, CancellationToken cancellationToken) =>
        await directory.GetRecordAsync(request.UserId, cancellationToken) is null
        || await directory.IsInTerritoryAsync(access.OrganisationId, request.UserId, cancellationToken);
}

public sealed class CreateApiUserProfileHandler(IUsagerDirectory directory, IApiWriter writer) : ICommandHandler<CreateApiUserProfileCommand>
{
    public async ValueTask<Unit> Handle(CreateApiUserProfileCommand command, CancellationToken cancellationToken)
    {
        if (await directory.GetRecordAsync(command.UserId, cancellationToken) is null) throw ApiUserAccess.Invalid("User", "doit exister");
        if (!await writer.AddUserProfileAsync(command.UserId, command.OrganisationId, cancellationToken)) throw ApiUserAccess.Invalid("UserId", "est déjà utilisé(e)");
        return Unit.Value;
    }
}

/// <summary>
/// DELETE /api/v1/user_profiles (REFERENCE-API §2.18): detaches the usager and his family from the
/// organisation, refused while one of them has an RDV to come there; a usager left without any
/// organisation is anonymised (with his relatives) and his sign-in account removed.
/// </summary>
public sealed record DeleteApiUserProfileCommand(long OrganisationId, long UserId) : IOrganisationRequest, ICommand<Result>;

/// <summary>Any role in the organisation (checked by the behaviour); the profile itself is looked up by the handler (404 when absent).</summary>
public sealed class DeleteApiUserProfilePolicy : IPolicy<DeleteApiUserProfileCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, DeleteApiUserProfileCommand request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class DeleteApiUserProfileHandler(IApiWriter writer, IUsagerRepository usagers, RdvSP.Application.Identity.Abstractions.IUsagerAccountRepository accounts, TimeProvider clock)
    : ICommandHandler<DeleteApiUserProfileCommand, Result>
{
    public static readonly Error NotFound = new("user_profile.not_found", "Couldn't find UserProfile");
    public static readonly Error HasUpcomingRdvs = new("user_profile.upcoming_rdvs", "L'usager ou ses proches ont des rendez-vous programmés, vous ne pouvez pas le supprimer.");

    public async ValueTask<Result> Handle(DeleteApiUserProfileCommand command, CancellationToken cancellationToken)
    {
        if (!await writer.UserProfileExistsAsync(command.UserId, command.OrganisationId, cancellationToken)) return NotFound;
        var family = await usagers.ListFamilyIdsAsync(command.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        if (await writer.HasUpcomingRdvsAsync(family, command.OrganisationId, now, cancellationToken)) return HasUpcomingRdvs;
        await writer.DeleteUserProfilesAsync(family, command.OrganisationId, cancellationToken);
        if ((await usagers.ListOrganisationIdsAsync(command.UserId, cancellationToken)).Count == 0)
        {
            await usagers.AnonymiseAsync(command.UserId, now, cancellationToken);
            await accounts.DeleteAsync(command.UserId, cancellationToken);
        }
        return Result.Success;
    }
}

/// <summary>
/// POST /api/v1/referent_assignations (REFERENCE-API §2.19): the référent must have a role in an
/// organisation of the territory of the organisation where the caller sees the usager. Unknown agent
/// or usager, or an existing pair: 422 (the reference crashes on unknown ids).
/// </summary>
public sealed record CreateApiReferentCommand(long OrganisationId, long UserId, long AgentId) : IOrganisationRequest, ICommand;

public sealed class CreateApiReferentPolicy(IUsagerDirectory directory, IApiQueries queries) : IPolicy<CreateApiReferentCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateApiReferentCommand request, CancellationToken cancellationToken) =>
        await ApiUserAccess.AllowsReferentAsync(directory, queries, access, request.UserId, request.AgentId, cancellationToken);
}

public sealed class CreateApiReferentHandler(IApiWriter writer, IApiQueries queries) : ICommandHandler<CreateApiReferentCommand>
{
    public async ValueTask<Unit> Handle(CreateApiReferentCommand command, CancellationToken cancellationToken)
    {
        if (!await queries.AgentExistsAsync(command.AgentId, cancellationToken)) throw ApiUserAccess.Invalid("Agent", "doit exister");
        if (!await writer.AddReferentAsync(command.UserId, command.AgentId, cancellationToken)) throw ApiUserAccess.Invalid("UserId", "est déjà utilisé(e)");
        return Unit.Value;
    }
}

public sealed record DeleteApiReferentCommand(long OrganisationId, long UserId, long AgentId) : IOrganisationRequest, ICommand<bool>;

public sealed class DeleteApiReferentPolicy(IUsagerDirectory directory, IApiQueries queries) : IPolicy<DeleteApiReferentCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, DeleteApiReferentCommand request, CancellationToken cancellationToken) =>
        await ApiUserAccess.AllowsReferentAsync(directory, queries, access, request.UserId, request.AgentId, cancellationToken);
}

/// <summary>False when the pair did not exist (the endpoint answers 404).</summary>
public sealed class DeleteApiReferentHandler(IApiWriter writer) : ICommandHandler<DeleteApiReferentCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteApiReferentCommand command, CancellationToken cancellationToken) =>
        await writer.DeleteReferentAsync(command.UserId, command.AgentId, cancellationToken);
}

internal static class ApiUserAccess
{
    /// <summary>
    /// The fields the API writes (REFERENCE-API §2.13): the social fields whatever the territory shows;
    /// notes, logement, case number and address details are not writable through the API (kept as stored).
    /// </summary>
    public static readonly UsagerFields Fields = new()
    {
        CaisseAffiliation = true, AffiliationNumber = true, FamilySituation = true, NumberOfChildren = true,
    };

    /// <summary>A role (not intervenant) in every organisation, and every référent visible in the checked organisation.</summary>
    public static async Task<bool> AllowsOrganisationsAndReferentsAsync(IAgentAccessReader agents, AgentAccess access,
        IReadOnlyList<long> organisationIds, IReadOnlyList<long> referentIds, CancellationToken cancellationToken)
    {
        foreach (var organisationId in organisationIds.Where(id => id != access.OrganisationId))
            if (await agents.GetAsync(access.AgentId, organisationId, cancellationToken) is not { AccessLevel: not AgentAccess.Intervenant })
                return false;
        foreach (var referentId in referentIds)
            if (!await AvailabilityFormRules.CanSeeAgentAsync(agents, access, referentId, cancellationToken))
                return false;
        return true;
    }

    /// <summary>The usager is visible here and the référent works in the territory; unknown ids pass, for the handler's 422.</summary>
    public static async Task<bool> AllowsReferentAsync(IUsagerDirectory directory, IApiQueries queries, AgentAccess access, long userId, long agentId, CancellationToken cancellationToken) =>
        await directory.CountVisibleAsync(access.OrganisationId, [userId], cancellationToken) == 1
        && (!await queries.AgentExistsAsync(agentId, cancellationToken) || await queries.AgentInTerritoryAsync(agentId, access.TerritoryId, cancellationToken));

    public static ValidationFailedException Invalid(string property, string message) => new(new Dictionary<string, string[]> { [property] = [message] });
}
