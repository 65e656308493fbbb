namespace RdvSP.Application.Booking.AgentAgenda;

/// <summary>The agenda's reads, each in one database round trip, and the viewer's display toggles.</summary>
public interface IAgentAgendaRepository
{
    /// <summary>The agent shown, the organisation's zone and the viewer's toggles; null when the agent is gone.</summary>
    Task<AgentAgendaPage?> PageAsync(long organisationId, long agentId, long viewerId, CancellationToken cancellationToken);

    /// <summary>
    /// The agent's RDVs overlapping the local days of <paramref name="range"/> (zone of the organisation):
    /// those of the organisation the viewer may see (<paramref name="scope"/>), and all those of his other
    /// organisations (shown as busy time only). Cancelled ones only when the viewer shows them.
    /// </summary>
    Task<AgendaRdvRows> RdvsAsync(long agentId, AgendaRange range, AgendaRdvScope scope, CancellationToken cancellationToken);

    /// <summary>The agent's plages (every organisation) and absences that may occur in the range, and the organisation's calendar.</summary>
    Task<AgendaBackgroundRows> BackgroundAsync(long organisationId, long agentId, AgendaRange range, CancellationToken cancellationToken);

    Task SetDisplayAsync(long agentId, AgendaDisplay display, bool shown, CancellationToken cancellationToken);
}

/// <summary>The viewer's RDV scope in the organisation (REFERENCE-SURFACES §2.6): all for admins and secretaries, else his services or his own RDVs.</summary>
public sealed record AgendaRdvScope(long OrganisationId, long ViewerId, bool SeesWholeOrganisation, IReadOnlyList<long> ServiceIds, string TimeZone = "Europe/Paris");

public enum AgendaDisplay
{
    Saturdays,
    CancelledRdvs,
}

public sealed record AgentAgendaPage(
    long OrganisationId,
    long AgentId,
    string AgentName,
    string TimeZone,
    bool DisplaySaturdays,
    bool DisplayCancelledRdvs);

public sealed record AgendaRdvRows(string TimeZone, IReadOnlyList<AgendaRdvRow> Rdvs);

public sealed record AgendaRdvRow
{
    public long Id { get; init; }
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string Status { get; init; } = "";
    public string MotifName { get; init; } = "";
    public string MotifColor { get; init; } = "";
    public bool Collectif { get; init; }
    public string? Name { get; init; }
    public int UsersCount { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public string? LieuName { get; init; }
    /// <summary>Participants' names, only read for RDVs of the current organisation.</summary>
    public string? Usagers { get; init; }
}

public sealed record AgendaBackgroundRows(
    string TimeZone,
    string HolidayCalendar,
    IReadOnlyList<AgendaPlageRow> Plages,
    IReadOnlyList<RdvSP.Application.Availability.Abstractions.AbsenceRow> Absences);

public sealed record AgendaPlageRow
{
    public long Id { get; init; }
    public long OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public string TimeZone { get; init; } = "";
    public string Title { get; init; } = "";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }
    public TimeOnly EndTime { get; init; }
    public string? Recurrence { get; init; }
    public string? LieuName { get; init; }
    public string? LieuAddress { get; init; }

    internal RdvSP.Application.Availability.Abstractions.OpeningPeriodRow ToOpeningPeriodRow() => new()
    {
        Id = Id,
        OrganisationId = OrganisationId,
        Title = Title,
        FirstDay = FirstDay,
        StartTime = StartTime,
        EndTime = EndTime,
        Recurrence = Recurrence,
    };
}
