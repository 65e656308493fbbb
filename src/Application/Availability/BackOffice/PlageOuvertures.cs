using FluentValidation;
using Mediator;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Notifications;
using static RdvSP.Application.Availability.BackOffice.AvailabilityFormRules;

namespace RdvSP.Application.Availability.BackOffice;

/// <summary>
/// The fields of a plage d'ouverture (REFERENCE-SURFACES §2.3.9, REFERENCE-DOMAIN §2.6), shared by the
/// back-office form and the API. <see cref="Recurrence"/> is the reference's JSON in any shape it knows
/// (blank or "{}" = a one-off plage); times are local to the organisation.
/// </summary>
public abstract record PlageOuvertureInput
{
    public string Title { get; init; } = "";
    public DateOnly? FirstDay { get; init; }
    public TimeOnly? StartTime { get; init; }
    public TimeOnly? EndTime { get; init; }
    public string? Recurrence { get; init; }
    public long? LieuId { get; init; }
    public IReadOnlyList<long> MotifIds { get; init; } = [];

    /// <summary>Set by the web back-office: the owning agent gets the plage e-mail per his preference (REFERENCE-DOMAIN §6.4); the API leaves it off.</summary>
    public bool NotifyOwner { get; init; }
}

/// <summary>The saved plage and the benign warnings to show (overlap, motif longer than the plage).</summary>
public sealed record PlageOuvertureSaved(long PlageOuvertureId, IReadOnlyList<string> Warnings);

public abstract class PlageOuvertureInputValidator<T> : AbstractValidator<T> where T : PlageOuvertureInput
{
    protected PlageOuvertureInputValidator(TimeProvider clock)
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Indiquez un titre.")
            .MaximumLength(MaxTitleLength).WithMessage($"Le titre doit contenir au plus {MaxTitleLength} caractères.");
        RuleFor(c => c.FirstDay).NotNull().WithMessage("Indiquez le premier jour.");
        RuleFor(c => c.StartTime).NotNull().WithMessage("Indiquez l'heure de début.");
        RuleFor(c => c.EndTime).NotNull().WithMessage("Indiquez l'heure de fin.");
        RuleFor(c => c.MotifIds).NotEmpty().WithMessage("Choisissez au moins un motif.");
        RuleFor(c => c).Custom((input, context) =>
        {
            if (input.FirstDay is not { } firstDay || input.StartTime is not { } start || input.EndTime is not { } end) return;
            var recurrence = ParseRecurrence(input.Recurrence, firstDay);
            if (recurrence.IsFailure)
            {
                context.AddFailure(nameof(PlageOuvertureInput.Recurrence), recurrence.Error.Message);
                return;
            }
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            Report(context, new OpeningPeriod(0, 0, null, firstDay, start, end, recurrence.Value).Validate(today));
        });
    }
}

/// <summary>Creates a plage for an agent the caller sees.</summary>
public sealed record CreatePlageOuvertureCommand : PlageOuvertureInput, IOrganisationRequest, ICommand<PlageOuvertureSaved>
{
    public long OrganisationId { get; init; }
    public long AgentId { get; init; }
}

/// <summary>Edits a plage of the organisation (its agent stays).</summary>
public sealed record UpdatePlageOuvertureCommand : PlageOuvertureInput, IOrganisationRequest, ICommand<PlageOuvertureSaved>
{
    public long OrganisationId { get; init; }
    public long PlageOuvertureId { get; init; }
}

public sealed record DeletePlageOuvertureCommand(long OrganisationId, long PlageOuvertureId) : IOrganisationRequest, ICommand
{
    /// <inheritdoc cref="PlageOuvertureInput.NotifyOwner"/>
    public bool NotifyOwner { get; init; }
}

public sealed class CreatePlageOuvertureValidator(TimeProvider clock) : PlageOuvertureInputValidator<CreatePlageOuvertureCommand>(clock);

public sealed class UpdatePlageOuvertureValidator(TimeProvider clock) : PlageOuvertureInputValidator<UpdatePlageOuvertureCommand>(clock);

/// <summary>
/// Plages of the agent himself, his confrères, or anyone for admins and secretaries (§2.6
/// PlageOuverturePolicy); motifs and lieu of this organisation only.
/// </summary>
public sealed class CreatePlageOuverturePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<CreatePlageOuvertureCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, CreatePlageOuvertureCommand request, CancellationToken cancellationToken) =>
        await CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken)
        && await reader.MotifsAndLieuOfOrganisationAsync(access.OrganisationId, request.MotifIds, request.LieuId, cancellationToken);
}

public sealed class UpdatePlageOuverturePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<UpdatePlageOuvertureCommand>
{
    public async ValueTask<bool> AllowsAsync(AgentAccess access, UpdatePlageOuvertureCommand request, CancellationToken cancellationToken) =>
        await PlageAccess.CanSeeAsync(agents, reader, access, request.PlageOuvertureId, cancellationToken)
        && await reader.MotifsAndLieuOfOrganisationAsync(access.OrganisationId, request.MotifIds, request.LieuId, cancellationToken);
}

public sealed class DeletePlageOuverturePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<DeletePlageOuvertureCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, DeletePlageOuvertureCommand request, CancellationToken cancellationToken) =>
        PlageAccess.CanSeeAsync(agents, reader, access, request.PlageOuvertureId, cancellationToken);
}

public sealed class CreatePlageOuvertureHandler(
    IAvailabilityBackOfficeReader reader, IOpeningPeriodRepository plages, IAgentScheduleNotifier notifier, CurrentAgentAccess access, TimeProvider clock)
    : ICommandHandler<CreatePlageOuvertureCommand, PlageOuvertureSaved>
{
    public async ValueTask<PlageOuvertureSaved> Handle(CreatePlageOuvertureCommand command, CancellationToken cancellationToken)
    {
        var today = Today(clock, access.Value.TimeZone);
        var built = await PlageSaving.BuildAsync(reader, command.OrganisationId, command.AgentId, command, today, cancellationToken);
        var id = await plages.AddAsync(built.Row, cancellationToken);
        await notifier.ChangedAsync(AgentScheduleItem.PlageOuverture, id, command.OrganisationId, AgentScheduleChange.Created, command.NotifyOwner, cancellationToken);
        return new PlageOuvertureSaved(id, await PlageSaving.WarningsAsync(reader, built with { Period = built.Period with { Id = id } }, today, cancellationToken));
    }
}

public sealed class UpdatePlageOuvertureHandler(
    IAvailabilityBackOfficeReader reader, IOpeningPeriodRepository plages, IAgentScheduleNotifier notifier, CurrentAgentAccess access, TimeProvider clock)
    : ICommandHandler<UpdatePlageOuvertureCommand, PlageOuvertureSaved>
{
    public async ValueTask<PlageOuvertureSaved> Handle(UpdatePlageOuvertureCommand command, CancellationToken cancellationToken)
    {
        // The policy has checked that the plage exists in this organisation.
        var owner = (await reader.PlageOwnerAsync(command.PlageOuvertureId, cancellationToken))!;
        var today = Today(clock, access.Value.TimeZone);
        var built = await PlageSaving.BuildAsync(reader, command.OrganisationId, owner.AgentId, command, today, cancellationToken);
        await plages.UpdateAsync(command.PlageOuvertureId, built.Row, cancellationToken);
        await notifier.ChangedAsync(AgentScheduleItem.PlageOuverture, command.PlageOuvertureId, command.OrganisationId, AgentScheduleChange.Updated, command.NotifyOwner, cancellationToken);
        return new PlageOuvertureSaved(command.PlageOuvertureId,
            await PlageSaving.WarningsAsync(reader, built with { Period = built.Period with { Id = command.PlageOuvertureId } }, today, cancellationToken));
    }
}

public sealed class DeletePlageOuvertureHandler(IOpeningPeriodRepository plages, IAgentScheduleNotifier notifier) : ICommandHandler<DeletePlageOuvertureCommand>
{
    public async ValueTask<Unit> Handle(DeletePlageOuvertureCommand command, CancellationToken cancellationToken)
    {
        // Read before it is gone; the e-mail is queued in the same transaction as the delete.
        await notifier.ChangedAsync(AgentScheduleItem.PlageOuverture, command.PlageOuvertureId, command.OrganisationId, AgentScheduleChange.Destroyed, command.NotifyOwner, cancellationToken);
        await plages.DeleteAsync(command.PlageOuvertureId, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Who may touch an existing plage: one of this organisation, whose agent the caller sees.</summary>
internal static class PlageAccess
{
    public static async ValueTask<bool> CanSeeAsync(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader, AgentAccess access, long plageOuvertureId, CancellationToken cancellationToken) =>
        await reader.PlageOwnerAsync(plageOuvertureId, cancellationToken) is { } owner
        && owner.OrganisationId == access.OrganisationId
        && await CanSeeAgentAsync(agents, access, owner.AgentId, cancellationToken);
}

internal static class PlageSaving
{
    public sealed record Built(NewOpeningPeriod Row, OpeningPeriod Period, IReadOnlyList<UsableMotif> Motifs, string Title);

    /// <summary>
    /// The row to write, after the rules that need the data: motifs the agent may serve (§2.5), a lieu
    /// when a motif is "sur place" (none kept otherwise: the form hides it), an enabled lieu.
    /// </summary>
    public static async Task<Built> BuildAsync(IAvailabilityBackOfficeReader reader, long organisationId, long agentId, PlageOuvertureInput input, DateOnly today, CancellationToken cancellationToken)
    {
        var wanted = input.MotifIds.Distinct().ToList();
        var motifs = (await reader.UsableMotifsAsync(organisationId, agentId, cancellationToken)).Where(m => wanted.Contains(m.Id)).ToList();
        if (motifs.Count != wanted.Count)
            throw Invalid(nameof(PlageOuvertureInput.MotifIds), "Un des motifs choisis n'est pas proposé à cet agent : choisissez parmi les motifs de ses services.");
        long? lieuId = null;
        if (motifs.Any(m => m.RequiresLieu))
        {
            if (input.LieuId is not { } lieu)
                throw Invalid(nameof(PlageOuvertureInput.LieuId), "Choisissez un lieu : un des motifs choisis se déroule sur place.");
            if ((await reader.LieuxAsync(organisationId, cancellationToken)).All(l => l.Id != lieu))
                throw Invalid(nameof(PlageOuvertureInput.LieuId), "Ce lieu n'est pas disponible : choisissez un lieu actif de l'organisation.");
            lieuId = lieu;
        }

        // The validator has checked the days, times and recurrence.
        var firstDay = input.FirstDay!.Value;
        var recurrence = ParseRecurrence(input.Recurrence, firstDay).Value;
        var motifIds = motifs.Select(m => m.Id).ToList();
        var period = new OpeningPeriod(0, agentId, lieuId, firstDay, input.StartTime!.Value, input.EndTime!.Value, recurrence) { MotifIds = motifIds };
        var title = input.Title.Trim();
        var row = new NewOpeningPeriod(agentId, organisationId, lieuId, title, firstDay, period.StartTime, period.EndTime,
            recurrence?.ToJson(), recurrence?.EndsAtLocal, motifIds, ExpirationPolicy.IsExpired(period, today));
        return new Built(row, period, motifs, title);
    }

    /// <summary>Motifs longer than the plage, then other current plages of the agent it overlaps (§3.7).</summary>
    public static async Task<IReadOnlyList<string>> WarningsAsync(IAvailabilityBackOfficeReader reader, Built built, DateOnly today, CancellationToken cancellationToken)
    {
        var warnings = PlageWarnings.MotifsLongerThanPlage(built.Period.StartTime, built.Period.EndTime, built.Motifs.Select(m => (m.Name, m.DurationInMin)))
            .Select(PlageWarnings.MotifTooLongMessage).ToList();
        foreach (var other in await reader.CurrentPlagesOfAgentAsync(built.Period.AgentId, today, cancellationToken))
        {
            if (other.Id == built.Period.Id || SlotSearcher.ToDomain(other) is not { } period) continue;
            if (PlageOverlapDetector.Overlaps(built.Period, period, today))
                warnings.Add($"{PlageWarnings.OverlapMessage} (« {other.Title} »)");
        }
        return warnings;
    }
}
