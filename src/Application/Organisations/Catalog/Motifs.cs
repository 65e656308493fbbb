using FluentValidation;
using Mediator;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Exceptions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Booking;

namespace RdvSP.Application.Organisations.Catalog;

/// <summary>
/// The motifs of an organisation (REFERENCE-SURFACES §2.3.11): admins write, every member reads the
/// motifs he may use (his services; all of them for admins and secretaries).
/// </summary>
public sealed record ListMotifsQuery(long OrganisationId, MotifFilter Filter) : IOrganisationRequest, IQuery<MotifIndex>;

public sealed record MotifIndex(IReadOnlyList<MotifListItem> Motifs, IReadOnlyList<ChoiceItem> Services, bool CanEdit);

public sealed class ListMotifsPolicy : IPolicy<ListMotifsQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListMotifsQuery request, CancellationToken cancellationToken) => Policy.Allow;
}

public sealed class ListMotifsHandler(ICatalogStore store, CurrentAgentAccess current) : IQueryHandler<ListMotifsQuery, MotifIndex>
{
    public async ValueTask<MotifIndex> Handle(ListMotifsQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var motifs = await store.ListMotifsAsync(access, query.Filter, cancellationToken);
        var choices = await store.MotifChoicesAsync(query.OrganisationId, cancellationToken);
        var services = access.SeesWholeOrganisation ? choices.Services : choices.Services.Where(s => access.ServiceIds.Contains(s.Id)).ToList();
        return new MotifIndex(motifs, services, access.IsAdmin);
    }
}

/// <summary>A motif's page: every option, its usage, and "Modifier" / "Supprimer" for admins.</summary>
public sealed record GetMotifQuery(long OrganisationId, long MotifId) : IOrganisationRequest, IQuery<MotifPage>;

public sealed record MotifPage(MotifDto Motif, string? CategoryName, MotifUsage Usage, IReadOnlyDictionary<string, int> SectorCounts, bool CanEdit);

/// <summary>An active motif of the organisation that the agent may use (his services, or all of them).</summary>
public sealed class GetMotifPolicy(ICatalogStore store) : IPolicy<GetMotifQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetMotifQuery request, CancellationToken cancellationToken) =>
        await store.MotifOwnerAsync(request.MotifId, cancellationToken) is { Deleted: false } owner
        && owner.OrganisationId == access.OrganisationId && access.CanUseService(owner.ServiceId);
}

public sealed class GetMotifHandler(IOrganisationRepository organisations, ICatalogStore store, CurrentAgentAccess current, TimeProvider clock)
    : IQueryHandler<GetMotifQuery, MotifPage>
{
    public async ValueTask<MotifPage> Handle(GetMotifQuery query, CancellationToken cancellationToken)
    {
        var motif = (await organisations.GetMotifAsync(query.MotifId, cancellationToken))!;
        var choices = await store.MotifChoicesAsync(query.OrganisationId, cancellationToken);
        var usage = await store.MotifUsageAsync(query.MotifId, clock.GetUtcNow(), cancellationToken);
        var category = choices.Categories.FirstOrDefault(c => c.Id == motif.MotifCategoryId)?.Name;
        return new MotifPage(motif, category, usage, choices.SectorCounts, current.Value.IsAdmin);
    }
}

/// <summary>
/// What the creation and edit forms need: the choices, and the edited motif (or the one being
/// duplicated) with its usage, which locks its location type and collective flag once it has RDVs.
/// </summary>
public sealed record GetMotifFormQuery(long OrganisationId, long? MotifId) : IOrganisationRequest, IQuery<MotifForm>;

public sealed record MotifForm(MotifChoices Choices, MotifDto? Motif, MotifUsage? Usage)
{
    public bool Locked => Usage?.Used == true;
}

public sealed class GetMotifFormPolicy(ICatalogStore store) : IPolicy<GetMotifFormQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetMotifFormQuery request, CancellationToken cancellationToken) =>
        access.IsAdmin && (request.MotifId is not { } id || await MotifPolicies.ActiveInOrganisationAsync(store, access, id, cancellationToken));
}

public sealed class GetMotifFormHandler(IOrganisationRepository organisations, ICatalogStore store, TimeProvider clock) : IQueryHandler<GetMotifFormQuery, MotifForm>
{
    public async ValueTask<MotifForm> Handle(GetMotifFormQuery query, CancellationToken cancellationToken)
    {
        var choices = await store.MotifChoicesAsync(query.OrganisationId, cancellationToken);
        if (query.MotifId is not { } id) return new MotifForm(choices, null, null);
        var motif = await organisations.GetMotifAsync(id, cancellationToken);
        return new MotifForm(choices, motif, await store.MotifUsageAsync(id, clock.GetUtcNow(), cancellationToken));
    }
}

/// <summary>Every option of REFERENCE-DOMAIN §2.5 an admin sets, plus RdvSP's slot step and buffer after.</summary>
public abstract record MotifInput
{
    public string Name { get; init; } = "";
    public long? ServiceId { get; init; }
    public int DefaultDurationInMin { get; init; } = 30;
    public string Color { get; init; } = "#1f77b4";
    public string LocationType { get; init; } = LocationTypes.PublicOffice;
    public bool Collectif { get; init; }
    public string BookableBy { get; init; } = Abstractions.BookableBy.Agents;
    public int MinPublicBookingDelay { get; init; } = MotifRules.MinDelaySeconds;
    public int MaxPublicBookingDelay { get; init; } = 7_889_238;
    public bool RdvsEditableByUser { get; init; } = true;
    public bool FollowUp { get; init; }
    public bool ForSecretariat { get; init; }
    public long? MotifCategoryId { get; init; }
    public string SectorisationLevel { get; init; } = "departement";
    public string VisibilityType { get; init; } = VisibilityTypes.VisibleAndNotified;
    public string? RestrictionForRdv { get; init; }
    public string? InstructionForRdv { get; init; }
    public string? CustomCancelWarningMessage { get; init; }
    public int? SlotStepMinutes { get; init; }
    public int? BufferAfterMinutes { get; init; }

    internal NewMotif ToRecord(long organisationId) => new(
        organisationId, ServiceId!.Value, Name.Trim(), Color.Trim(), DefaultDurationInMin, LocationType, BookableBy, Collectif, FollowUp, ForSecretariat,
        MinPublicBookingDelay, MaxPublicBookingDelay, VisibilityType, SectorisationLevel, OrNull(RestrictionForRdv), OrNull(InstructionForRdv),
        OrNull(CustomCancelWarningMessage), RdvsEditableByUser, RdvsCancellableByUser: true, BufferAfterMinutes, SlotStepMinutes, MotifCategoryId);

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public abstract class MotifInputValidator<T> : AbstractValidator<T> where T : MotifInput
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    // Domain rule codes → the form field that shows them.
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["motif.duration"] = nameof(MotifInput.DefaultDurationInMin),
        ["motif.duration_max"] = nameof(MotifInput.DefaultDurationInMin),
        ["motif.duration_step"] = nameof(MotifInput.DefaultDurationInMin),
        ["motif.min_public_booking_delay"] = nameof(MotifInput.MinPublicBookingDelay),
        ["motif.max_public_booking_delay"] = nameof(MotifInput.MaxPublicBookingDelay),
        ["motif.max_public_booking_delay_bound"] = nameof(MotifInput.MaxPublicBookingDelay),
        ["motif.collectif_location"] = nameof(MotifInput.Collectif),
        ["motif.slot_step"] = nameof(MotifInput.SlotStepMinutes),
        ["motif.buffer_after"] = nameof(MotifInput.BufferAfterMinutes),
        ["motif.follow_up_secretariat"] = nameof(MotifInput.ForSecretariat),
    };

    protected MotifInputValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Le nom du motif est obligatoire.")
            .MaximumLength(MaxNameLength).WithMessage($"Le nom du motif doit contenir au plus {MaxNameLength} caractères.");
        RuleFor(c => c.ServiceId).NotNull().WithMessage("Choisissez le service du motif.");
        RuleFor(c => c.Color).Must(c => MotifRules.IsValidColor(c?.Trim())).WithMessage(MotifRules.ColorInvalid.Message);
        RuleFor(c => c.LocationType).Must(v => MotifChoiceLabels.Offers(MotifChoiceLabels.LocationTypes, v)).WithMessage("Le type de RDV choisi n'existe pas.");
        RuleFor(c => c.BookableBy).Must(v => MotifChoiceLabels.Offers(MotifChoiceLabels.BookableBy, v)).WithMessage("Le choix « qui peut réserver » n'existe pas.");
        RuleFor(c => c.VisibilityType).Must(v => MotifChoiceLabels.Offers(MotifChoiceLabels.Visibilities, v)).WithMessage("La visibilité choisie n'existe pas.");
        RuleFor(c => c.SectorisationLevel).Must(v => MotifChoiceLabels.Offers(MotifChoiceLabels.SectorisationLevels, v)).WithMessage("Le niveau de sectorisation choisi n'existe pas.");
        RuleFor(c => c.RestrictionForRdv).MaximumLength(MaxTextLength).WithMessage($"Les instructions à accepter doivent contenir au plus {MaxTextLength} caractères.");
        RuleFor(c => c.InstructionForRdv).MaximumLength(MaxTextLength).WithMessage($"Les instructions après la prise du RDV doivent contenir au plus {MaxTextLength} caractères.");
        RuleFor(c => c.CustomCancelWarningMessage).MaximumLength(MaxTextLength).WithMessage($"Le message d'avertissement doit contenir au plus {MaxTextLength} caractères.");
        RuleFor(c => c).Custom((input, context) =>
        {
            var locationType = LocationTypeExtensions.TryParseLocationType(input.LocationType, out var parsed) ? parsed : LocationType.PublicOffice;
            foreach (var error in MotifRules.Validate(input.DefaultDurationInMin, input.MinPublicBookingDelay, input.MaxPublicBookingDelay, input.Collectif,
                         locationType, input.SlotStepMinutes, input.BufferAfterMinutes, input.FollowUp, input.ForSecretariat))
                context.AddFailure(Fields[error.Code], error.Message);
        });
    }
}

internal static class MotifPolicies
{
    public static async Task<bool> ActiveInOrganisationAsync(ICatalogStore store, AgentAccess access, long motifId, CancellationToken cancellationToken) =>
        await store.MotifOwnerAsync(motifId, cancellationToken) is { Deleted: false } owner && owner.OrganisationId == access.OrganisationId;

    /// <summary>The chosen service and category must be ones the organisation's form offers: nothing of elsewhere.</summary>
    public static async Task<bool> ChoicesOfOrganisationAsync(ICatalogStore store, AgentAccess access, MotifInput input, CancellationToken cancellationToken)
    {
        if (input.ServiceId is null && input.MotifCategoryId is null) return true;
        var choices = await store.MotifChoicesAsync(access.OrganisationId, cancellationToken);
        return (input.ServiceId is not { } service || choices.Services.Any(s => s.Id == service))
            && (input.MotifCategoryId is not { } category || choices.Categories.Any(c => c.Id == category));
    }

    public static ValidationFailedException Invalid(string property, string message) => new(new Dictionary<string, string[]> { [property] = [message] });

    /// <summary>Rules that need the database: a unique active name, and the invited-users choice only in RDV-Insertion organisations.</summary>
    public static async Task CheckAsync(ICatalogStore store, long organisationId, MotifInput input, long? motifId, CancellationToken cancellationToken)
    {
        if (input.BookableBy == Abstractions.BookableBy.AgentsAndPrescripteursAndInvitedUsers
            && (await store.MotifChoicesAsync(organisationId, cancellationToken)).Verticale != "rdv_insertion")
            throw Invalid(nameof(MotifInput.BookableBy), "La réservation par les usagers invités n'est proposée qu'aux organisations RDV-Insertion.");
        if (await store.MotifNameTakenAsync(organisationId, input.ServiceId!.Value, input.LocationType, input.Name.Trim(), motifId, cancellationToken))
            throw Invalid(nameof(MotifInput.Name), "Un motif actif porte déjà ce nom pour ce service et ce type de RDV.");
    }
}

/// <summary>Creates a motif (admin of the organisation).</summary>
public sealed record CreateMotifCommand : MotifInput, IOrganisationRequest, ICommand<long>
{
    public long OrganisationId { get; init; }
}

public sealed class CreateMotifPolicy(ICatalogStore store) : IPolicy<CreateMotifCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateMotifCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin && await MotifPolicies.ChoicesOfOrganisationAsync(store, access, request, cancellationToken);
}

public sealed class CreateMotifValidator : MotifInputValidator<CreateMotifCommand>;

public sealed class CreateMotifHandler(IOrganisationRepository organisations, ICatalogStore store) : ICommandHandler<CreateMotifCommand, long>
{
    public async ValueTask<long> Handle(CreateMotifCommand command, CancellationToken cancellationToken)
    {
        await MotifPolicies.CheckAsync(store, command.OrganisationId, command, null, cancellationToken);
        return await organisations.AddMotifAsync(command.ToRecord(command.OrganisationId), cancellationToken);
    }
}

/// <summary>Edits a motif: its location type and collective flag are locked once it has RDVs.</summary>
public sealed record UpdateMotifCommand : MotifInput, IOrganisationRequest, ICommand
{
    public long OrganisationId { get; init; }
    public long MotifId { get; init; }
}

public sealed class UpdateMotifPolicy(ICatalogStore store) : IPolicy<UpdateMotifCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdateMotifCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin
        && await MotifPolicies.ActiveInOrganisationAsync(store, access, request.MotifId, cancellationToken)
        && await MotifPolicies.ChoicesOfOrganisationAsync(store, access, request, cancellationToken);
}

public sealed class UpdateMotifValidator : MotifInputValidator<UpdateMotifCommand>;

public sealed class UpdateMotifHandler(IOrganisationRepository organisations, ICatalogStore store, TimeProvider clock) : ICommandHandler<UpdateMotifCommand>
{
    public const string LockedMessage = "Ce motif a déjà des RDV : son type de RDV et son nombre de participants ne peuvent plus changer. Dupliquez le motif pour en créer un autre.";

    public async ValueTask<Unit> Handle(UpdateMotifCommand command, CancellationToken cancellationToken)
    {
        var existing = (await organisations.GetMotifAsync(command.MotifId, cancellationToken))!;
        if ((existing.LocationType != command.LocationType || existing.Collectif != command.Collectif)
            && (await store.MotifUsageAsync(command.MotifId, clock.GetUtcNow(), cancellationToken)).Used)
            throw MotifPolicies.Invalid(existing.LocationType != command.LocationType ? nameof(MotifInput.LocationType) : nameof(MotifInput.Collectif), LockedMessage);
        await MotifPolicies.CheckAsync(store, command.OrganisationId, command, command.MotifId, cancellationToken);
        await store.UpdateMotifAsync(command.MotifId, command.ToRecord(command.OrganisationId), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Deletes a motif the reference's way: a soft delete (its RDVs and history keep it); it leaves the
/// plages and the public search at once. The page warns with the upcoming RDVs and plages first.
/// </summary>
public sealed record DeleteMotifCommand(long OrganisationId, long MotifId) : IOrganisationRequest, ICommand;

public sealed class DeleteMotifPolicy(ICatalogStore store) : IPolicy<DeleteMotifCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, DeleteMotifCommand request, CancellationToken cancellationToken) =>
        access.IsAdmin && await MotifPolicies.ActiveInOrganisationAsync(store, access, request.MotifId, cancellationToken);
}

public sealed class DeleteMotifHandler(ICatalogStore store, TimeProvider clock) : ICommandHandler<DeleteMotifCommand>
{
    public async ValueTask<Unit> Handle(DeleteMotifCommand command, CancellationToken cancellationToken)
    {
        await store.SoftDeleteMotifAsync(command.MotifId, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
