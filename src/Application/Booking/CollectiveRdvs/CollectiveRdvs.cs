using FluentValidation;
using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.Domain.Notifications;

namespace RdvSP.Application.Booking.CollectiveRdvs;

public static class CollectiveRdvErrors
{
    public static readonly Error NotCollective = new("collective.not_collective", "Ce motif n'est pas un motif collectif : créez ce RDV depuis « Nouveau RDV ».");
    public static readonly Error NotACollectiveRdv = new("collective.not_a_collective_rdv", "Ce RDV n'est pas un RDV collectif.");
    public static readonly Error Full = new("collective.full", "Ce RDV collectif est complet : toutes les places sont prises. Vous pouvez ajouter ce participant quand même (surréservation).");
    public const int MaxCapacity = 1000;
}

/// <summary>"RDV collectifs" (REFERENCE-SURFACES §2.3.7): filters motif, lieu, from date, "avec des places restantes".</summary>
public sealed record ListCollectiveRdvsQuery(long OrganisationId, long? MotifId, long? LieuId, DateOnly? FromDate, bool OnlyWithSeats)
    : IOrganisationRequest, IQuery<CollectiveRdvList>;

public sealed record CollectiveRdvList(
    string TimeZone,
    DateOnly FromDate,
    IReadOnlyList<CollectiveRdvItem> Rdvs,
    IReadOnlyList<CollectiveMotifOption> Motifs,
    IReadOnlyList<CatalogLieu> Lieux);

public sealed class ListCollectiveRdvsValidator : AbstractValidator<ListCollectiveRdvsQuery>
{
    public ListCollectiveRdvsValidator(TimeProvider clock) =>
        RuleFor(q => q.FromDate)
            .Must(d => d is null || AgentRdvFieldsValidator<CreateAgentRdvCommand>.StartError(d.Value.ToDateTime(TimeOnly.MinValue), clock) is null)
            .WithMessage(q => AgentRdvFieldsValidator<CreateAgentRdvCommand>.StartError(q.FromDate!.Value.ToDateTime(TimeOnly.MinValue), clock)!);
}

/// <summary>Every member may list (the SQL keeps to what he may see); the filters' ids must be of the organisation.</summary>
public sealed class ListCollectiveRdvsPolicy(IAgentRdvStore store) : IPolicy<ListCollectiveRdvsQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, ListCollectiveRdvsQuery request, CancellationToken cancellationToken)
    {
        if (request.MotifId is null && request.LieuId is null) return true;
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            LieuIds: request.LieuId is { } lieu ? [lieu] : [], MotifIds: request.MotifId is { } motif ? [motif] : []), cancellationToken);
        return check.MotifsOk && check.LieuxOk;
    }
}

public sealed class ListCollectiveRdvsHandler(ICollectiveRdvStore store, IAgentRdvStore rdvStore, CurrentAgentAccess current, TimeProvider clock)
    : IQueryHandler<ListCollectiveRdvsQuery, CollectiveRdvList>
{
    private const int Limit = 200;

    public async ValueTask<CollectiveRdvList> Handle(ListCollectiveRdvsQuery query, CancellationToken cancellationToken)
    {
        var access = current.Value;
        var catalog = await rdvStore.CatalogAsync(access, cancellationToken);
        var zone = SlotSearcher.ZoneOf(catalog.TimeZone);
        var from = query.FromDate ?? DateOnly.FromDateTime(AgentRdvTime.ToLocal(clock.GetUtcNow(), zone));
        var rdvs = await store.ListAsync(access, new CollectiveRdvFilter(
            AgentRdvTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone), query.MotifId, query.LieuId, query.OnlyWithSeats, Limit), cancellationToken);
        var motifs = await store.MotifsAsync(access, cancellationToken);
        return new CollectiveRdvList(catalog.TimeZone, from, rdvs, motifs, catalog.Lieux);
    }
}

/// <summary>The "Nouveau RDV collectif" form: collective motifs, lieux, agents, and the RDV to copy ("Dupliquer").</summary>
public sealed record GetCollectiveRdvFormQuery(long OrganisationId, long? DuplicatedRdvId) : IOrganisationRequest, IQuery<CollectiveRdvForm>;

public sealed record CollectiveRdvForm(
    string TimeZone,
    IReadOnlyList<CollectiveMotifOption> Motifs,
    IReadOnlyList<CatalogLieu> Lieux,
    IReadOnlyList<CatalogAgent> Agents,
    long CurrentAgentId,
    RdvDto? Duplicated);

/// <summary>Any member may create (§2.6); a copied RDV must be a collective one he may see.</summary>
public sealed class GetCollectiveRdvFormPolicy(IAgentRdvStore store) : IPolicy<GetCollectiveRdvFormQuery>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, GetCollectiveRdvFormQuery request, CancellationToken cancellationToken) =>
        request.DuplicatedRdvId is not { } rdvId
        || (await store.RdvAccessAsync(rdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access));
}

public sealed class GetCollectiveRdvFormHandler(ICollectiveRdvStore store, IAgentRdvStore rdvStore, IRdvRepository rdvs, CurrentAgentAccess current)
    : IQueryHandler<GetCollectiveRdvFormQuery, CollectiveRdvForm>
{
    public async ValueTask<CollectiveRdvForm> Handle(GetCollectiveRdvFormQuery query, CancellationToken cancellationToken)
    {
        var catalog = await rdvStore.CatalogAsync(current.Value, cancellationToken);
        var motifs = await store.MotifsAsync(current.Value, cancellationToken);
        var duplicated = query.DuplicatedRdvId is { } id ? await rdvs.GetAsync(id, cancellationToken) : null;
        return new CollectiveRdvForm(catalog.TimeZone, motifs, catalog.Lieux, catalog.Agents, current.Value.AgentId,
            duplicated is { Collectif: true } ? duplicated : null);
    }
}

/// <summary>"Nouveau RDV collectif" (REFERENCE-DOMAIN §5.5): motif, start (organisation's local time), duration, name, capacity, lieu, agents, context.</summary>
public sealed record CreateCollectiveRdvCommand(
    long OrganisationId,
    long MotifId,
    DateTime StartsAt,
    int DurationInMin,
    string? Name,
    int? MaxParticipantsCount,
    long? LieuId,
    IReadOnlyList<long> AgentIds,
    string? Context) : IOrganisationRequest, ICommand<Result<long>>;

public sealed class CreateCollectiveRdvValidator : AbstractValidator<CreateCollectiveRdvCommand>
{
    public CreateCollectiveRdvValidator(TimeProvider clock)
    {
        RuleFor(c => c.MotifId).GreaterThan(0).WithMessage("Choisissez un motif.");
        RuleFor(c => c.StartsAt)
            .Must(s => AgentRdvFieldsValidator<CreateAgentRdvCommand>.StartError(s, clock) is null)
            .WithMessage(c => AgentRdvFieldsValidator<CreateAgentRdvCommand>.StartError(c.StartsAt, clock)!);
        RuleFor(c => c.DurationInMin).InclusiveBetween(1, AgentRdvFieldsValidator<CreateAgentRdvCommand>.MaxDurationInMin)
            .WithMessage($"La durée doit être comprise entre 1 et {AgentRdvFieldsValidator<CreateAgentRdvCommand>.MaxDurationInMin} minutes.");
        RuleFor(c => c.MaxParticipantsCount).InclusiveBetween(1, CollectiveRdvErrors.MaxCapacity).When(c => c.MaxParticipantsCount is not null)
            .WithMessage($"Le nombre maximum de participants doit être compris entre 1 et {CollectiveRdvErrors.MaxCapacity} (laissez vide pour ne pas limiter).");
        RuleFor(c => c.AgentIds).NotEmpty().WithMessage("Choisissez au moins un agent.");
        RuleFor(c => c.AgentIds.Count).LessThanOrEqualTo(20).WithMessage("Choisissez au plus 20 agents.");
        RuleFor(c => c.Name).MaximumLength(255).WithMessage("Le nom est trop long (255 caractères au maximum).");
        RuleFor(c => c.Context).MaximumLength(1000).WithMessage("Le contexte est trop long (1000 caractères au maximum).");
    }
}

/// <summary>Any member, with a motif of his services (all for admins and secretaries), a lieu and agents of the organisation.</summary>
public sealed class CreateCollectiveRdvPolicy(IAgentRdvStore store) : IPolicy<CreateCollectiveRdvCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateCollectiveRdvCommand request, CancellationToken cancellationToken)
    {
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            request.MotifId, request.LieuId is { } lieu ? [lieu] : [], request.AgentIds), cancellationToken);
        return check.MotifServiceId is { } service && access.CanUseService(service) && check.LieuxOk && check.AgentsOk;
    }
}

public sealed class CreateCollectiveRdvHandler(
    IRdvRepository rdvs, IOrganisationRepository organisations, IRdvNotifier notifier, CurrentAgentAccess current)
    : ICommandHandler<CreateCollectiveRdvCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(CreateCollectiveRdvCommand command, CancellationToken cancellationToken)
    {
        // The policy has checked that the motif is a live motif of the organisation.
        var motif = (await organisations.GetMotifAsync(command.MotifId, cancellationToken))!;
        if (!motif.Collectif) return CollectiveRdvErrors.NotCollective;
        var organisation = await organisations.GetOrganisationAsync(command.OrganisationId, cancellationToken);
        if (AgentRdvTime.TryToUtc(command.StartsAt, SlotSearcher.ZoneOf(organisation?.TimeZone)) is not { } start)
            return AgentRdvErrors.NonexistentTime;
        var onSite = motif.LocationType == LocationTypes.PublicOffice;
        if (onSite && command.LieuId is null) return AgentRdvErrors.LieuRequired;

        var author = current.Value.AgentId;
        var created = await rdvs.InsertAsync(new NewRdv(
            command.OrganisationId, motif.Id, onSite ? command.LieuId : null, start, start.AddMinutes(command.DurationInMin),
            command.AgentIds.Distinct().ToList(), [], CreatedByTypes.Agent, author, ExclusiveForAgents: false,
            Name: Trimmed(command.Name), MaxParticipantsCount: command.MaxParticipantsCount, Context: Trimmed(command.Context)), cancellationToken);
        if (created.IsFailure) return created.Error;
        await notifier.RdvChangedAsync(created.Value.Id, new RdvEvent.Created(), Author.Agent(author), cancellationToken);
        return created.Value.Id;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// "Ajouter un participant" to a collective RDV: the same locked join as the usagers' "S'inscrire"
/// (one member per family, seats counted under the RDV's row lock); a full RDV takes the participant
/// only when the agent chose "Ajouter quand même" (<paramref name="Overbook"/>).
/// </summary>
public sealed record AddCollectiveParticipantCommand(long OrganisationId, long RdvId, long UserId, bool Overbook)
    : IOrganisationRequest, ICommand<Result<long>>;

public sealed class AddCollectiveParticipantValidator : AbstractValidator<AddCollectiveParticipantCommand>
{
    public AddCollectiveParticipantValidator() =>
        RuleFor(c => c.UserId).GreaterThan(0).WithMessage("Choisissez un usager.");
}

/// <summary>Whoever sees the RDV may change its participants (§2.6), with a usager of the organisation.</summary>
public sealed class AddCollectiveParticipantPolicy(IAgentRdvStore store) : IPolicy<AddCollectiveParticipantCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, AddCollectiveParticipantCommand request, CancellationToken cancellationToken)
    {
        if (await store.RdvAccessAsync(request.RdvId, cancellationToken) is not { } rdv || !rdv.VisibleTo(access)) return false;
        return (await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(UserIds: [request.UserId]), cancellationToken)).UsersOk;
    }
}

public sealed class AddCollectiveParticipantHandler(
    IRdvRepository rdvs, IUsagerRepository usagers, IRdvNotifier notifier, CurrentAgentAccess current)
    : ICommandHandler<AddCollectiveParticipantCommand, Result<long>>
{
    public async ValueTask<Result<long>> Handle(AddCollectiveParticipantCommand command, CancellationToken cancellationToken)
    {
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        if (rdv is null) return BookingErrors.RdvNotFound;
        if (!rdv.Collectif) return CollectiveRdvErrors.NotACollectiveRdv;
        var family = await usagers.ListFamilyIdsAsync(command.UserId, cancellationToken);
        // The notify flags default to the motif's visibility (REFERENCE-DOMAIN §2.10).
        var notified = rdv.VisibilityType == VisibilityTypes.VisibleAndNotified;
        var author = current.Value.AgentId;
        var joined = await rdvs.JoinCollectiveAsync(new CollectiveJoin(
            rdv.Id, command.UserId, family, CreatedByTypes.Agent, author, command.Overbook, notified, notified), cancellationToken);
        if (joined.IsFailure) return joined.Error == BookingErrors.CollectiveFull ? CollectiveRdvErrors.Full : joined.Error;
        await usagers.AddFamilyToOrganisationAsync(command.UserId, command.OrganisationId, cancellationToken);
        await notifier.RdvChangedAsync(rdv.Id, new RdvEvent.Created([joined.Value]), Author.Agent(author), cancellationToken);
        return joined.Value;
    }
}

/// <summary>"Retirer" a participant of a collective RDV: his participation is revoked, his seat freed, he is told.</summary>
public sealed record RemoveCollectiveParticipantCommand(long OrganisationId, long RdvId, long ParticipationId)
    : IOrganisationRequest, ICommand<Result>;

public sealed class RemoveCollectiveParticipantValidator : AbstractValidator<RemoveCollectiveParticipantCommand>
{
    public RemoveCollectiveParticipantValidator() =>
        RuleFor(c => c.ParticipationId).GreaterThan(0).WithMessage("Choisissez un participant.");
}

/// <summary>Whoever sees the RDV may change its participants (§2.6); the participation must be of that RDV (the store checks it).</summary>
public sealed class RemoveCollectiveParticipantPolicy(IAgentRdvStore store) : IPolicy<RemoveCollectiveParticipantCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, RemoveCollectiveParticipantCommand request, CancellationToken cancellationToken) =>
        await store.RdvAccessAsync(request.RdvId, cancellationToken) is { } rdv && rdv.VisibleTo(access);
}

public sealed class RemoveCollectiveParticipantHandler(ICollectiveRdvStore store, IRdvRepository rdvs, IRdvNotifier notifier, CurrentAgentAccess current)
    : ICommandHandler<RemoveCollectiveParticipantCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveCollectiveParticipantCommand command, CancellationToken cancellationToken)
    {
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        if (rdv is null) return BookingErrors.RdvNotFound;
        if (!rdv.Collectif) return CollectiveRdvErrors.NotACollectiveRdv;
        if (!await store.RemoveParticipationAsync(command.RdvId, command.ParticipationId, cancellationToken)) return BookingErrors.ParticipationNotFound;
        await notifier.RdvChangedAsync(command.RdvId, new RdvEvent.Cancelled([command.ParticipationId], WholeRdv: false),
            Author.Agent(current.Value.AgentId), cancellationToken);
        return Result.Success;
    }
}
