using FluentValidation;
using Mediator;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.Booking.AgentRdvs;

/// <summary>An agent books an RDV with the wizard (REFERENCE-SURFACES §2.3.3, step 4 "Créer RDV").</summary>
public sealed record CreateAgentRdvCommand(
    long OrganisationId,
    long MotifId,
    DateTime StartsAt,
    int DurationInMin,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<ParticipantFlags> Participants,
    long? LieuId,
    string? NewLieuName,
    string? NewLieuAddress,
    string? Context,
    string? ConfirmedWarnings) : IOrganisationRequest, IAgentRdvFields, ICommand<AgentRdvOutcome>;

/// <summary>An agent edits an RDV (REFERENCE-SURFACES §2.3.6): the motif and the participants stay, their flags may change.</summary>
public sealed record UpdateAgentRdvCommand(
    long OrganisationId,
    long RdvId,
    DateTime StartsAt,
    int DurationInMin,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<ParticipantFlags> Participants,
    long? LieuId,
    string? NewLieuName,
    string? NewLieuAddress,
    string? Context,
    string? ConfirmedWarnings) : IOrganisationRequest, IAgentRdvFields, ICommand<AgentRdvOutcome>;

/// <summary>The rules both forms share (edge values; the writer checks the rest against the data).</summary>
public abstract class AgentRdvFieldsValidator<T> : AbstractValidator<T> where T : IAgentRdvFields
{
    public const int MaxDurationInMin = 720;
    public static readonly DateTime EarliestStart = new(2018, 1, 1);

    /// <summary>The French message of an unrealistic start (before 2018, or more than 5 years ahead), else null.</summary>
    public static string? StartError(DateTime start, TimeProvider clock)
    {
        var latest = clock.GetUtcNow().UtcDateTime.Date.AddYears(5);
        return start >= EarliestStart && start < latest
            ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"La date du RDV doit être comprise entre le 01/01/2018 et le {latest:dd/MM/yyyy}.");
    }

    protected AgentRdvFieldsValidator(TimeProvider clock)
    {
        RuleFor(c => c.StartsAt).Must(s => StartError(s, clock) is null).WithMessage(c => StartError(c.StartsAt, clock)!);
        RuleFor(c => c.DurationInMin).InclusiveBetween(1, MaxDurationInMin)
            .WithMessage($"La durée doit être comprise entre 1 et {MaxDurationInMin} minutes.");
        RuleFor(c => c.AgentIds).NotEmpty().WithMessage("Choisissez au moins un agent.");
        RuleFor(c => c.AgentIds.Count).LessThanOrEqualTo(20).WithMessage("Choisissez au plus 20 agents.");
        RuleFor(c => c.Participants).NotEmpty().WithMessage("Ajoutez au moins un usager.");
        RuleFor(c => c.Participants.Count).LessThanOrEqualTo(20).WithMessage("Ajoutez au plus 20 usagers.");
        RuleFor(c => c.NewLieuName).Empty().When(c => c.LieuId is not null)
            .WithMessage("Choisissez un lieu existant ou un lieu ponctuel, pas les deux.");
        RuleFor(c => c.NewLieuAddress).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.NewLieuName))
            .WithMessage("Indiquez l'adresse du lieu ponctuel.");
        RuleFor(c => c.NewLieuName).MaximumLength(255).WithMessage("Le nom du lieu ponctuel est trop long (255 caractères au maximum).");
        RuleFor(c => c.NewLieuAddress).MaximumLength(255).WithMessage("L'adresse du lieu ponctuel est trop longue (255 caractères au maximum).");
        RuleFor(c => c.Context).MaximumLength(1000).WithMessage("Le contexte est trop long (1000 caractères au maximum).");
    }
}

public sealed class CreateAgentRdvValidator : AgentRdvFieldsValidator<CreateAgentRdvCommand>
{
    public CreateAgentRdvValidator(TimeProvider clock) : base(clock) =>
        RuleFor(c => c.MotifId).GreaterThan(0).WithMessage("Choisissez un motif.");
}

public sealed class UpdateAgentRdvValidator : AgentRdvFieldsValidator<UpdateAgentRdvCommand>
{
    public UpdateAgentRdvValidator(TimeProvider clock) : base(clock)
    {
    }
}

/// <summary>Any member may book (§2.6), with a motif of his services, and only ids of this organisation.</summary>
public sealed class CreateAgentRdvPolicy(IAgentRdvStore store) : IPolicy<CreateAgentRdvCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreateAgentRdvCommand request, CancellationToken cancellationToken)
    {
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            request.MotifId,
            request.LieuId is { } lieu ? [lieu] : [],
            request.AgentIds,
            request.Participants.Select(p => p.UserId).ToList()), cancellationToken);
        return check.MotifServiceId is { } service && access.CanUseService(service) && check.LieuxOk && check.AgentsOk && check.UsersOk;
    }
}

/// <summary>Whoever sees the RDV may edit it (§2.6); new lieu and agents must be of the organisation.</summary>
public sealed class UpdateAgentRdvPolicy(IAgentRdvStore store) : IPolicy<UpdateAgentRdvCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdateAgentRdvCommand request, CancellationToken cancellationToken)
    {
        var rdv = await store.RdvAccessAsync(request.RdvId, cancellationToken);
        if (rdv is null || !rdv.VisibleTo(access)) return false;
        var check = await store.CheckIdsAsync(access.OrganisationId, new OrganisationIds(
            LieuIds: request.LieuId is { } lieu ? [lieu] : [],
            AgentIds: request.AgentIds,
            UserIds: request.Participants.Select(p => p.UserId).ToList()), cancellationToken);
        return check.LieuxOk && check.AgentsOk && check.UsersOk;
    }
}

public sealed class CreateAgentRdvHandler(AgentRdvWriter writer, IOrganisationRepository organisations)
    : ICommandHandler<CreateAgentRdvCommand, AgentRdvOutcome>
{
    public async ValueTask<AgentRdvOutcome> Handle(CreateAgentRdvCommand command, CancellationToken cancellationToken)
    {
        // The policy has checked that the motif is a live motif of the organisation.
        var motif = (await organisations.GetMotifAsync(command.MotifId, cancellationToken))!;
        return await writer.SaveAsync(command.OrganisationId, null, motif, command, cancellationToken);
    }
}

public sealed class UpdateAgentRdvHandler(AgentRdvWriter writer, IRdvRepository rdvs, IOrganisationRepository organisations)
    : ICommandHandler<UpdateAgentRdvCommand, AgentRdvOutcome>
{
    public async ValueTask<AgentRdvOutcome> Handle(UpdateAgentRdvCommand command, CancellationToken cancellationToken)
    {
        var rdv = await rdvs.GetAsync(command.RdvId, cancellationToken);
        if (rdv is null) return AgentRdvOutcome.Refused(BookingErrors.RdvNotFound);
        if (!rdv.Participants.Select(p => p.UserId).ToHashSet().SetEquals(command.Participants.Select(p => p.UserId)))
            return AgentRdvOutcome.Refused(AgentRdvErrors.ParticipantsChanged);
        var motif = (await organisations.GetMotifAsync(rdv.MotifId, cancellationToken))!;
        return await writer.SaveAsync(command.OrganisationId, rdv.Id, motif, command, cancellationToken);
    }
}
