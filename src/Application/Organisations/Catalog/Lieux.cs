using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Common;

namespace RdvSP.Application.Organisations.Catalog;

/// <summary>The lieux of an organisation (REFERENCE-SURFACES §2.3.12): every member reads, admins write.</summary>
public sealed record ListLieuxQuery(long OrganisationId) : IOrganisationRequest, IQuery<LieuIndex>;

public sealed record LieuIndex(IReadOnlyList<LieuDto> Lieux, bool CanEdit);

public sealed class ListLieuxPolicy : IPolicy<ListLieuxQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListLieuxQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListLieuxHandler(ICatalogStore store, CurrentAgentAccess current) : IQueryHandler<ListLieuxQuery, LieuIndex>
{
    public async ValueTask<LieuIndex> Handle(ListLieuxQuery query, CancellationToken cancellationToken) =>
        new(await store.ListLieuxAsync(query.OrganisationId, cancellationToken), current.Value.IsAdmin);
}

/// <summary>The creation and edit forms: the edited lieu and what refers to it (which forbids its deletion).</summary>
public sealed record GetLieuFormQuery(long OrganisationId, long? LieuId) : IOrganisationRequest, IQuery<LieuForm>;

public sealed record LieuForm(LieuDto? Lieu, LieuReferences References);

public sealed class GetLieuFormPolicy(ICatalogStore store) : IPolicy<GetLieuFormQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetLieuFormQuery request, CancellationToken cancellationToken) =>
        access.IsAdmin && (request.LieuId is not { } id || await LieuPolicies.InOrganisationAsync(store, access, id, cancellationToken));
}

public sealed class GetLieuFormHandler(IOrganisationRepository organisations, ICatalogStore store) : IQueryHandler<GetLieuFormQuery, LieuForm>
{
    public async ValueTask<LieuForm> Handle(GetLieuFormQuery query, CancellationToken cancellationToken)
    {
        if (query.LieuId is not { } id) return new LieuForm(null, new LieuReferences([], 0));
        return new LieuForm(await organisations.GetLieuAsync(id, cancellationToken), await store.LieuReferencesAsync(id, cancellationToken));
    }
}

/// <summary>A lieu's fields; the address and its coordinates come from the BAN autocomplete.</summary>
public abstract record LieuInput
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? PhoneNumber { get; init; }
}

public abstract class LieuInputValidator<T> : AbstractValidator<T> where T : LieuInput
{
    protected LieuInputValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Le nom du lieu est obligatoire.")
            .MaximumLength(100).WithMessage("Le nom du lieu doit contenir au plus 100 caractères.");
        RuleFor(c => c.Address).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("L'adresse du lieu est obligatoire.")
            .MaximumLength(300).WithMessage("L'adresse doit contenir au plus 300 caractères.");
        // Both coordinates come from the picked BAN suggestion; one message whichever is missing or out of range.
        RuleFor(c => c).Must(c => c.Latitude is >= -90 and <= 90 && c.Longitude is >= -180 and <= 180).When(c => !string.IsNullOrWhiteSpace(c.Address))
            .WithMessage("Choisissez l'adresse parmi les suggestions : elle doit être localisée.").OverridePropertyName(nameof(LieuInput.Address));
        RuleFor(c => c.PhoneNumber).FrenchPhoneNumber();
    }
}

internal static class LieuPolicies
{
    public static async Task<bool> InOrganisationAsync(ICatalogStore store, AgentAccess access, long lieuId, CancellationToken cancellationToken) =>
        await store.LieuOwnerAsync(lieuId, cancellationToken) is { } owner && owner.OrganisationId == access.OrganisationId;

    public static LieuFields Fields(LieuInput input, string availability) => new(
        input.Name.Trim(), input.Address.Trim(), input.Latitude!.Value, input.Longitude!.Value,
        string.IsNullOrWhiteSpace(input.PhoneNumber) ? null : input.PhoneNumber.Trim(), FrenchPhone.ToE164(input.PhoneNumber), availability);
}

/// <summary>Creates an enabled lieu (admin of the organisation).</summary>
public sealed record CreateLieuCommand : LieuInput, IOrganisationRequest, ICommand<long>
{
    public long OrganisationId { get; init; }
}

public sealed class CreateLieuPolicy : IPolicy<CreateLieuCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, CreateLieuCommand request, CancellationToken cancellationToken) => Policy.When(access.IsAdmin);
}

public sealed class CreateLieuValidator : LieuInputValidator<CreateLieuCommand>;

public sealed class CreateLieuHandler(IOrganisationRepository organisations) : ICommandHandler<CreateLieuCommand, long>
{
    public async ValueTask<long> Handle(CreateLieuCommand command, CancellationToken cancellationToken)
    {
        var f = LieuPolicies.Fields(command, LieuAvailabilities.Enabled);
        return await organisations.AddLieuAsync(
            new NewLieu(command.OrganisationId, f.Name, f.Address, f.Latitude, f.Longitude, f.PhoneNumber, f.PhoneNumberFormatted, f.Availability), cancellationToken);
    }
}

/// <summary>Edits a lieu; "enabled" toggles between enabled and disabled. A single-use lieu stays single-use (REFERENCE-DOMAIN §2.4).</summary>
public sealed record UpdateLieuCommand : LieuInput, IOrganisationRequest, ICommand
{
    public long OrganisationId { get; init; }
    public long LieuId { get; init; }
    public bool Enabled { get; init; } = true;
}

public sealed class UpdateLieuPolicy(ICatalogStore store) : IPolicy<UpdateLieuCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdateLieuCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin && await LieuPolicies.InOrganisationAsync(store, access, request.LieuId, cancellationToken);
}

public sealed class UpdateLieuValidator : LieuInputValidator<UpdateLieuCommand>;

public sealed class UpdateLieuHandler(ICatalogStore store) : ICommandHandler<UpdateLieuCommand>
{
    public async ValueTask<Unit> Handle(UpdateLieuCommand command, CancellationToken cancellationToken)
    {
        var current = (await store.LieuOwnerAsync(command.LieuId, cancellationToken))!;
        var availability = current.Availability == LieuAvailabilities.SingleUse ? LieuAvailabilities.SingleUse
            : command.Enabled ? LieuAvailabilities.Enabled : LieuAvailabilities.Disabled;
        await store.UpdateLieuAsync(command.LieuId, LieuPolicies.Fields(command, availability), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Deletes a lieu no plage and no RDV refers to; otherwise refused with what refers to it.</summary>
public sealed record DeleteLieuCommand(long OrganisationId, long LieuId) : IOrganisationRequest, ICommand<LieuReferences>;

public sealed class DeleteLieuPolicy(ICatalogStore store) : IPolicy<DeleteLieuCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, DeleteLieuCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin && await LieuPolicies.InOrganisationAsync(store, access, request.LieuId, cancellationToken);
}

/// <summary>Returns the references that held the deletion back (none when the lieu was deleted).</summary>
public sealed class DeleteLieuHandler(ICatalogStore store) : ICommandHandler<DeleteLieuCommand, LieuReferences>
{
    public const string ReferencedMessage = "Ce lieu ne peut pas être supprimé : des plages d'ouverture ou des RDV y font référence. Vous pouvez le désactiver.";

    public async ValueTask<LieuReferences> Handle(DeleteLieuCommand command, CancellationToken cancellationToken)
    {
        var references = await store.LieuReferencesAsync(command.LieuId, cancellationToken);
        if (!references.Any) await store.DeleteLieuAsync(command.LieuId, cancellationToken);
        return references;
    }
}
