using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Common;

namespace RdvSP.Application.Api.V1;

/// <summary>GET /api/v1/organisations: the organisations where the caller has a role, by id, optionally by sector.</summary>
public sealed record ListApiOrganisationsQuery(int Page, string? CityCode, string? StreetBanId) : IAgentSelfRequest, IQuery<ApiPage>;

public sealed class ListApiOrganisationsHandler(ICurrentActor actor, IApiQueries queries, IApiCollectionReader reader)
    : IQueryHandler<ListApiOrganisationsQuery, ApiPage>
{
    public async ValueTask<ApiPage> Handle(ListApiOrganisationsQuery query, CancellationToken cancellationToken)
    {
        var ids = await queries.OrganisationsOfAgentAsync(actor.AgentId!.Value, query.CityCode, query.StreetBanId, query.Page, cancellationToken);
        return await ApiPages.ReadAsync(reader, ApiModels.Organisation, ids, query.Page, cancellationToken);
    }
}

/// <summary>GET /api/v1/organisations/{id}: any role in it (the behaviour checks it).</summary>
public sealed record GetApiOrganisationQuery(long OrganisationId) : IOrganisationRequest, IQuery<string>;

public sealed class GetApiOrganisationPolicy : IPolicy<GetApiOrganisationQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetApiOrganisationQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class GetApiOrganisationHandler(IApiObjectReader reader) : IQueryHandler<GetApiOrganisationQuery, string>
{
    public async ValueTask<string> Handle(GetApiOrganisationQuery query, CancellationToken cancellationToken) =>
        (await reader.ReadJsonAsync(ApiModels.Organisation, new(query.OrganisationId), cancellationToken))!;
}

/// <summary>
/// PATCH|PUT /api/v1/organisations/{id} (REFERENCE-API §2.7): admins change the name, phone, e-mail and
/// verticale; a field left out keeps its value.
/// </summary>
public sealed record UpdateApiOrganisationCommand(long OrganisationId, string? Name, string? PhoneNumber, string? Email, string? Verticale)
    : IOrganisationRequest, ICommand<Result<string>>
{
    public bool SetsPhoneNumber { get; init; }
    public bool SetsEmail { get; init; }
}

public sealed class UpdateApiOrganisationPolicy : IPolicy<UpdateApiOrganisationCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, UpdateApiOrganisationCommand request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class UpdateApiOrganisationValidator : AbstractValidator<UpdateApiOrganisationCommand>
{
    public static readonly string[] Verticales = ["rdv_insertion", "rdv_solidarites", "rdv_aide_numerique", "rdv_mairie"];

    public UpdateApiOrganisationValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).When(c => c.Name is not null).WithMessage("doit être rempli(e)")
            .MaximumLength(255).WithMessage("est trop long (pas plus de 255 caractères)");
        RuleFor(c => c.PhoneNumber).Must(ApiPhone.IsValidOrganisationNumber).When(c => !string.IsNullOrWhiteSpace(c.PhoneNumber))
            .WithMessage("n'est pas valide");
        RuleFor(c => c.Email).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email)).WithMessage("n'est pas valide")
            .MaximumLength(320).WithMessage("est trop long (pas plus de 320 caractères)");
        RuleFor(c => c.Verticale).Must(v => v is null || Verticales.Contains(v))
            .WithMessage($"n'est pas inclus(e) dans la liste ({string.Join(", ", Verticales)})");
    }
}

public sealed class UpdateApiOrganisationHandler(IApiWriter writer, IApiObjectReader reader) : ICommandHandler<UpdateApiOrganisationCommand, Result<string>>
{
    public static readonly Error NameTaken = new("name", "est déjà utilisé(e)");

    public async ValueTask<Result<string>> Handle(UpdateApiOrganisationCommand command, CancellationToken cancellationToken)
    {
        if (command.Name is not null && await writer.OrganisationNameTakenAsync(command.OrganisationId, command.Name.Trim(), cancellationToken))
            return NameTaken;
        await writer.UpdateOrganisationAsync(command with { Name = command.Name?.Trim() }, cancellationToken);
        return (await reader.ReadJsonAsync(ApiModels.Organisation, new(command.OrganisationId), cancellationToken))!;
    }
}

/// <summary>Phone numbers of organisations: blank, a 4-digit short number, a French or an E.164 number.</summary>
public static class ApiPhone
{
    public static bool IsValidOrganisationNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return true;
        var digits = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());
        if (digits.Length == 4 && digits.All(char.IsAsciiDigit)) return true;
        if (digits.StartsWith('+')) return digits.Length is >= 8 and <= 16 && digits[1..].All(char.IsAsciiDigit) && digits[1] != '0';
        return digits.Length == 10 && digits[0] == '0' && digits[1] != '0' && digits.All(char.IsAsciiDigit);
    }
}

/// <summary>The API's own writes.</summary>
public interface IApiWriter
{
    Task<bool> OrganisationNameTakenAsync(long organisationId, string name, CancellationToken cancellationToken);

    Task UpdateOrganisationAsync(UpdateApiOrganisationCommand command, CancellationToken cancellationToken);

    /// <summary>users.created_through = agent_creation_api.</summary>
    Task MarkCreatedThroughApiAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The usager's profiles become exactly these organisations.</summary>
    Task ReplaceUserOrganisationsAsync(long userId, IReadOnlyList<long> organisationIds, CancellationToken cancellationToken);

    /// <summary>The usager's référents become exactly these agents.</summary>
    Task ReplaceReferentsAsync(long userId, IReadOnlyList<long> agentIds, CancellationToken cancellationToken);

    Task<bool> InvitationTokenTakenAsync(string token, CancellationToken cancellationToken);

    /// <summary>Keeps the usager's token or sets <paramref name="candidate"/> (invited_through = external); refreshes its date; returns the token.</summary>
    Task<string> SetInvitationTokenAsync(long userId, string candidate, CancellationToken cancellationToken);

    /// <summary>False when the profile already exists.</summary>
    Task<bool> AddUserProfileAsync(long userId, long organisationId, CancellationToken cancellationToken);

    Task<bool> UserProfileExistsAsync(long userId, long organisationId, CancellationToken cancellationToken);

    /// <summary>Whether one of the usagers takes part (not cancelled) in an RDV to come, not cancelled, of the organisation.</summary>
    Task<bool> HasUpcomingRdvsAsync(IReadOnlyList<long> userIds, long organisationId, DateTimeOffset now, CancellationToken cancellationToken);

    Task DeleteUserProfilesAsync(IReadOnlyList<long> userIds, long organisationId, CancellationToken cancellationToken);

    /// <summary>False when the pair already exists.</summary>
    Task<bool> AddReferentAsync(long userId, long agentId, CancellationToken cancellationToken);

    /// <summary>False when the pair did not exist.</summary>
    Task<bool> DeleteReferentAsync(long userId, long agentId, CancellationToken cancellationToken);
}

internal static class ApiPages
{
    public static async Task<ApiPage> ReadAsync(IApiCollectionReader reader, string model, ApiIdPage ids, int page, CancellationToken cancellationToken) =>
        new(await reader.ReadJsonArrayAsync(model, [.. ids.Ids.Select(id => new ApiObjectKey(id))], cancellationToken), page, ids.TotalCount);
}
