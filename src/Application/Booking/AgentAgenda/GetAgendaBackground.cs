using FluentValidation;
using Mediator;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Availability;

namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>
/// The agenda's second feed: the agent's plage occurrences (background, light blue; grey for his other
/// organisations), his absence occurrences (grey) and the territory's public holidays, expanded by the
/// Domain engine in each plage's organisation zone and shown in the current organisation's zone.
/// </summary>
public sealed record GetAgendaBackgroundQuery(long OrganisationId, long AgentId, string? Start, string? End)
    : IOrganisationRequest, IQuery<IReadOnlyList<AgendaBackgroundEvent>>;

public enum AgendaBackgroundKind
{
    Plage,
    Absence,
    Holiday,
}

/// <summary>Times are wall-clock in the organisation's zone; a holiday is a whole day (<see cref="End"/> exclusive).</summary>
public sealed record AgendaBackgroundEvent(
    AgendaBackgroundKind Kind,
    long? Id,
    string Title,
    DateTime Start,
    DateTime End,
    bool AllDay,
    string Color,
    bool InCurrentOrganisation,
    string? OrganisationName,
    string? Lieu);

public sealed class GetAgendaBackgroundPolicy(IAgentAccessReader reader) : IPolicy<GetAgendaBackgroundQuery>
{
    public ValueTask<bool> AllowsAsync(AgentAccess access, GetAgendaBackgroundQuery request, CancellationToken cancellationToken) =>
        AgentAgendaAccess.CanSeeAsync(reader, access, request.AgentId, cancellationToken);
}

public sealed class GetAgendaBackgroundValidator : AbstractValidator<GetAgendaBackgroundQuery>
{
    public GetAgendaBackgroundValidator() =>
        RuleFor(q => q.Start).Custom((start, context) =>
        {
            if (!AgendaRange.TryCreate(start, context.InstanceToValidate.End, out _, out var error))
                context.AddFailure(error);
        });
}

public sealed class GetAgendaBackgroundHandler(IAgentAgendaRepository reader) : IQueryHandler<GetAgendaBackgroundQuery, IReadOnlyList<AgendaBackgroundEvent>>
{
    public async ValueTask<IReadOnlyList<AgendaBackgroundEvent>> Handle(GetAgendaBackgroundQuery query, CancellationToken cancellationToken)
    {
        AgendaRange.TryCreate(query.Start, query.End, out var range, out _);
        var rows = await reader.BackgroundAsync(query.OrganisationId, query.AgentId, range, cancellationToken);
        var zone = SlotSearcher.ZoneOf(rows.TimeZone);
        var events = new List<AgendaBackgroundEvent>();

        foreach (var row in rows.Plages)
        {
            if (SlotSearcher.ToDomain(row.ToOpeningPeriodRow()) is not { } plage) continue;
            var current = row.OrganisationId == query.OrganisationId;
            var lieu = row.LieuName is null ? null : $"{row.LieuName} ({row.LieuAddress})";
            foreach (var occurrence in plage.OccurrencesBetween(range.From, range.To, SlotSearcher.ZoneOf(row.TimeZone)))
            {
                events.Add(new AgendaBackgroundEvent(AgendaBackgroundKind.Plage, row.Id, current ? row.Title : $"{row.Title} ({row.OrganisationName})",
                    Local(occurrence.Start, zone), Local(occurrence.End, zone), false,
                    current ? AgendaColors.Plage : AgendaColors.PlageOtherOrganisation, current, row.OrganisationName, lieu));
            }
        }

        foreach (var row in rows.Absences)
        {
            if (SlotSearcher.ToDomain(row) is not { } absence) continue;
            foreach (var occurrence in absence.OccurrencesBetween(range.From, range.To, zone))
            {
                events.Add(new AgendaBackgroundEvent(AgendaBackgroundKind.Absence, row.Id, row.Title,
                    Local(occurrence.Start, zone), Local(occurrence.End, zone), false, AgendaColors.Absence, true, null, null));
            }
        }

        var calendar = HolidayCalendar.FromCode(rows.HolidayCalendar);
        for (var year = range.From.Year; year <= range.To.Year; year++)
        {
            foreach (var day in PublicHolidays.For(year, calendar).Where(d => d >= range.From && d <= range.To))
            {
                events.Add(new AgendaBackgroundEvent(AgendaBackgroundKind.Holiday, null, "Jour férié",
                    day.ToDateTime(TimeOnly.MinValue), day.AddDays(1).ToDateTime(TimeOnly.MinValue), true, AgendaColors.Holiday, true, null, null));
            }
        }
        return events;
    }

    private static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
