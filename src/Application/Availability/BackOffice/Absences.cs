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
/// The fields of an absence (REFERENCE-SURFACES §2.3.10, REFERENCE-DOMAIN §2.7), named like the API's
/// (title, first_day, start_time, end_day, end_time, recurrence). A missing <see cref="EndDay"/> is the
/// first day; <see cref="Recurrence"/> is the reference's JSON, blank or "{}" for none.
/// </summary>
public abstract record AbsenceInput
{
    public string Title { get; init; } = "";
    public DateOnly? FirstDay { get; init; }
    public TimeOnly? StartTime { get; init; }
    public DateOnly? EndDay { get; init; }
    public TimeOnly? EndTime { get; init; }
    public string? Recurrence { get; init; }

    /// <summary>Set by the web back-office: the owning agent gets the absence e-mail per his preference (REFERENCE-DOMAIN §6.4); the API leaves it off.</summary>
    public bool NotifyOwner { get; init; }
}

public abstract class AbsenceInputValidator<T> : AbstractValidator<T> where T : AbsenceInput
{
    protected AbsenceInputValidator(TimeProvider clock)
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Indiquez un titre.")
            .MaximumLength(MaxTitleLength).WithMessage($"Le titre doit contenir au plus {MaxTitleLength} caractères.");
        RuleFor(c => c.FirstDay).NotNull().WithMessage("Indiquez le premier jour.");
        RuleFor(c => c.StartTime).NotNull().WithMessage("Indiquez l'heure de début.");
        RuleFor(c => c.EndTime).NotNull().WithMessage("Indiquez l'heure de fin.");
        RuleFor(c => c).Custom((input, context) =>
        {
            if (input.FirstDay is not { } firstDay || input.StartTime is not { } start || input.EndTime is not { } end) return;
            var recurrence = ParseRecurrence(input.Recurrence, firstDay);
            if (recurrence.IsFailure)
            {
                context.AddFailure(nameof(AbsenceInput.Recurrence), recurrence.Error.Message);
                return;
            }
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            Report(context, AbsenceSaving.ToDomain(0, 0, input, recurrence.Value).Validate(today));
        });
    }
}

/// <summary>Creates an absence of an agent the caller sees (it applies in all the agent's organisations).</summary>
public sealed record CreateAbsenceCommand : AbsenceInput, IOrganisationRequest, ICommand<long>
{
    public long OrganisationId { get; init; }
    public long AgentId { get; init; }
}

public sealed record UpdateAbsenceCommand : AbsenceInput, IOrganisationRequest, ICommand
{
    public long OrganisationId { get; init; }
    public long AbsenceId { get; init; }
}

public sealed record DeleteAbsenceCommand(long OrganisationId, long AbsenceId) : IOrganisationRequest, ICommand
{
    /// <inheritdoc cref="AbsenceInput.NotifyOwner"/>
    public bool NotifyOwner { get; init; }
}

public sealed class CreateAbsenceValidator(TimeProvider clock) : AbsenceInputValidator<CreateAbsenceCommand>(clock);

public sealed class UpdateAbsenceValidator(TimeProvider clock) : AbsenceInputValidator<UpdateAbsenceCommand>(clock);

/// <summary>Absences follow "can see the agent" (§2.6).</summary>
public sealed class CreateAbsencePolicy(IAgentAccessReader agents) : IPolicy<CreateAbsenceCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, CreateAbsenceCommand request, CancellationToken cancellationToken) =>
        CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken);
}

public sealed class UpdateAbsencePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<UpdateAbsenceCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, UpdateAbsenceCommand request, CancellationToken cancellationToken) =>
        AbsenceAccess.CanSeeAsync(agents, reader, access, request.AbsenceId, cancellationToken);
}

public sealed class DeleteAbsencePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<DeleteAbsenceCommand>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, DeleteAbsenceCommand request, CancellationToken cancellationToken) =>
        AbsenceAccess.CanSeeAsync(agents, reader, access, request.AbsenceId, cancellationToken);
}

public sealed class CreateAbsenceHandler(IAbsenceRepository absences, IAgentScheduleNotifier notifier, CurrentAgentAccess access, TimeProvider clock)
    : ICommandHandler<CreateAbsenceCommand, long>
{
    public async ValueTask<long> Handle(CreateAbsenceCommand command, CancellationToken cancellationToken)
    {
        var id = await absences.AddAsync(AbsenceSaving.Row(command.AgentId, command, Today(clock, access.Value.TimeZone)), cancellationToken);
        await notifier.ChangedAsync(AgentScheduleItem.Absence, id, command.OrganisationId, AgentScheduleChange.Created, command.NotifyOwner, cancellationToken);
        return id;
    }
}

public sealed class UpdateAbsenceHandler(
    IAbsenceRepository absences, IAvailabilityBackOfficeReader reader, IAgentScheduleNotifier notifier, CurrentAgentAccess access, TimeProvider clock)
    : ICommandHandler<UpdateAbsenceCommand>
{
    public async ValueTask<Unit> Handle(UpdateAbsenceCommand command, CancellationToken cancellationToken)
    {
        // The policy has checked that the absence exists.
        var agentId = (await reader.AbsenceAgentAsync(command.AbsenceId, cancellationToken))!.Value;
        await absences.UpdateAsync(command.AbsenceId, AbsenceSaving.Row(agentId, command, Today(clock, access.Value.TimeZone)), cancellationToken);
        await notifier.ChangedAsync(AgentScheduleItem.Absence, command.AbsenceId, command.OrganisationId, AgentScheduleChange.Updated, command.NotifyOwner, cancellationToken);
        return Unit.Value;
    }
}

public sealed class DeleteAbsenceHandler(IAbsenceRepository absences, IAgentScheduleNotifier notifier) : ICommandHandler<DeleteAbsenceCommand>
{
    public async ValueTask<Unit> Handle(DeleteAbsenceCommand command, CancellationToken cancellationToken)
    {
        // Read before it is gone; the e-mail is queued in the same transaction as the delete.
        await notifier.ChangedAsync(AgentScheduleItem.Absence, command.AbsenceId, command.OrganisationId, AgentScheduleChange.Destroyed, command.NotifyOwner, cancellationToken);
        await absences.DeleteAsync(command.AbsenceId, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>One absence as the screens show it.</summary>
public sealed record AbsenceDetails(AbsenceRow Absence, string AgentName, bool Expired);

public sealed record ListAbsencesQuery(long OrganisationId, long AgentId, bool Expired = false) : IOrganisationRequest, IQuery<AbsenceList>;

public sealed record AbsenceList(long AgentId, string AgentName, IReadOnlyList<AbsenceDetails> Absences);

public sealed record GetAbsenceQuery(long OrganisationId, long AbsenceId) : IOrganisationRequest, IQuery<AbsenceDetails>;

/// <summary>The absence form's context: whose absence it is.</summary>
public sealed record GetAbsenceFormQuery(long OrganisationId, long AgentId) : IOrganisationRequest, IQuery<AbsenceForm>;

public sealed record AbsenceForm(long AgentId, string AgentName);

public sealed class GetAbsenceFormPolicy(IAgentAccessReader agents) : IPolicy<GetAbsenceFormQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetAbsenceFormQuery request, CancellationToken cancellationToken) =>
        CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken);
}

public sealed class GetAbsenceFormHandler(IAvailabilityBackOfficeReader reader) : IQueryHandler<GetAbsenceFormQuery, AbsenceForm>
{
    public async ValueTask<AbsenceForm> Handle(GetAbsenceFormQuery query, CancellationToken cancellationToken) =>
        new(query.AgentId, await reader.AgentNameAsync(query.AgentId, cancellationToken) ?? "");
}

public sealed class ListAbsencesPolicy(IAgentAccessReader agents) : IPolicy<ListAbsencesQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, ListAbsencesQuery request, CancellationToken cancellationToken) =>
        CanSeeAgentAsync(agents, access, request.AgentId, cancellationToken);
}

public sealed class GetAbsencePolicy(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader) : IPolicy<GetAbsenceQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetAbsenceQuery request, CancellationToken cancellationToken) =>
        AbsenceAccess.CanSeeAsync(agents, reader, access, request.AbsenceId, cancellationToken);
}

public sealed class ListAbsencesHandler(IAvailabilityBackOfficeReader reader, CurrentAgentAccess access, TimeProvider clock) : IQueryHandler<ListAbsencesQuery, AbsenceList>
{
    public async ValueTask<AbsenceList> Handle(ListAbsencesQuery query, CancellationToken cancellationToken)
    {
        var rows = await reader.AbsencesAsync(query.AgentId, query.Expired, Today(clock, access.Value.TimeZone), cancellationToken);
        var name = await reader.AgentNameAsync(query.AgentId, cancellationToken) ?? "";
        return new AbsenceList(query.AgentId, name, rows.Select(r => new AbsenceDetails(r, name, query.Expired)).ToList());
    }
}

public sealed class GetAbsenceHandler(IAbsenceRepository absences, IAvailabilityBackOfficeReader reader, CurrentAgentAccess access, TimeProvider clock)
    : IQueryHandler<GetAbsenceQuery, AbsenceDetails>
{
    public async ValueTask<AbsenceDetails> Handle(GetAbsenceQuery query, CancellationToken cancellationToken)
    {
        var row = (await absences.GetAsync(query.AbsenceId, cancellationToken))!;
        var expired = SlotSearcher.ToDomain(row) is { } absence && ExpirationPolicy.IsExpired(absence, Today(clock, access.Value.TimeZone));
        return new AbsenceDetails(row, await reader.AgentNameAsync(row.AgentId, cancellationToken) ?? "", expired);
    }
}

/// <summary>An existing absence: its agent must be one the caller sees in this organisation.</summary>
internal static class AbsenceAccess
{
    public static async ValueTask<bool> CanSeeAsync(IAgentAccessReader agents, IAvailabilityBackOfficeReader reader, AgentAccess access, long absenceId, CancellationToken cancellationToken) =>
        await reader.AbsenceAgentAsync(absenceId, cancellationToken) is { } agentId
        && await CanSeeAgentAsync(agents, access, agentId, cancellationToken);
}

internal static class AbsenceSaving
{
    public static Absence ToDomain(long id, long agentId, AbsenceInput input, Recurrence? recurrence) =>
        new(id, agentId, input.FirstDay!.Value, input.StartTime!.Value, input.EndDay ?? input.FirstDay!.Value, input.EndTime!.Value, recurrence);

    /// <summary>The row to write; the validator has checked the days, times and recurrence.</summary>
    public static NewAbsence Row(long agentId, AbsenceInput input, DateOnly today)
    {
        var recurrence = ParseRecurrence(input.Recurrence, input.FirstDay!.Value).Value;
        var absence = ToDomain(0, agentId, input, recurrence);
        return new NewAbsence(agentId, input.Title.Trim(), absence.FirstDay, absence.StartTime, absence.EndDay, absence.EndTime,
            recurrence?.ToJson(), recurrence?.EndsAtLocal, ExpirationPolicy.IsExpired(absence, today));
    }
}
