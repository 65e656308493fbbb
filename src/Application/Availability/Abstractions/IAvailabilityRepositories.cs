namespace RdvSP.Application.Availability.Abstractions;

/// <summary>Plages d'ouverture (opening periods). Recurrence is the reference's JSON text (§3.1).</summary>
public interface IOpeningPeriodRepository
{
    Task<long> AddAsync(NewOpeningPeriod plage, CancellationToken cancellationToken);

    Task<OpeningPeriodRow?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Replaces the plage's fields and motifs (its agent and organisation stay).</summary>
    Task UpdateAsync(long id, NewOpeningPeriod plage, CancellationToken cancellationToken);

    Task DeleteAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Absences (indisponibilités), agent-wide.</summary>
public interface IAbsenceRepository
{
    Task<long> AddAsync(NewAbsence absence, CancellationToken cancellationToken);

    Task<AbsenceRow?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Replaces the absence's fields (its agent stays).</summary>
    Task UpdateAsync(long id, NewAbsence absence, CancellationToken cancellationToken);

    Task DeleteAsync(long id, CancellationToken cancellationToken);
}

/// <summary>
/// Everything the slot engine needs for one search, loaded in ONE database round-trip: candidate plages
/// of the motifs, the absences and non-cancelled rdvs (any organisation) of their agents, and the time
/// zone and holiday calendar of their organisations.
/// </summary>
public interface IAvailabilityInputsReader
{
    Task<AvailabilityInputs> LoadAsync(AvailabilityInputsQuery query, CancellationToken cancellationToken);
}

/// <param name="MotifIds">Plages serving any of these motifs.</param>
/// <param name="FirstDay">First local day searched (inclusive).</param>
/// <param name="LastDay">Last local day searched (inclusive).</param>
/// <param name="LieuId">Only plages at this lieu (public_office motifs); null = any lieu or none.</param>
/// <param name="OrganisationIds">Only plages of these organisations; null = any.</param>
/// <param name="AgentIds">Only plages of these agents (référents, sectorisation); null or empty = any.</param>
public sealed record AvailabilityInputsQuery(
    IReadOnlyCollection<long> MotifIds,
    DateOnly FirstDay,
    DateOnly LastDay,
    long? LieuId = null,
    IReadOnlyCollection<long>? OrganisationIds = null,
    IReadOnlyCollection<long>? AgentIds = null);

/// <summary>
/// What a slot search reads. Immutable: the same instance may serve many searches (the inputs cache),
/// so the per-agent indexes are built once, on first use, and shared.
/// </summary>
public sealed record AvailabilityInputs(
    IReadOnlyList<OpeningPeriodRow> Plages,
    IReadOnlyList<AbsenceRow> Absences,
    IReadOnlyList<BusyRdvRow> Rdvs,
    IReadOnlyList<OrganisationCalendarRow> Organisations)
{
    private ILookup<long, BusyRdvRow>? rdvsByAgent;
    private ILookup<long, AbsenceRow>? absencesByAgent;

    public ILookup<long, BusyRdvRow> RdvsByAgent => rdvsByAgent ??= Rdvs.ToLookup(r => r.AgentId);

    public ILookup<long, AbsenceRow> AbsencesByAgent => absencesByAgent ??= Absences.ToLookup(a => a.AgentId);
}

public sealed record NewOpeningPeriod(
    long AgentId,
    long OrganisationId,
    long? LieuId,
    string Title,
    DateOnly FirstDay,
    TimeOnly StartTime,
    TimeOnly EndTime,
    string? RecurrenceJson,
    DateTime? RecurrenceEndsAt,
    IReadOnlyList<long> MotifIds,
    bool ExpiredCached = false);

public sealed record NewAbsence(
    long AgentId,
    string Title,
    DateOnly FirstDay,
    TimeOnly StartTime,
    DateOnly EndDay,
    TimeOnly EndTime,
    string? RecurrenceJson = null,
    DateTime? RecurrenceEndsAt = null,
    bool ExpiredCached = false);

public sealed record OpeningPeriodRow
{
    public long Id { get; init; }
    public long AgentId { get; init; }
    public long OrganisationId { get; init; }
    public long? LieuId { get; init; }
    public string Title { get; init; } = "";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }
    public TimeOnly EndTime { get; init; }
    /// <summary>The reference's recurrence JSON, or null for a one-off plage.</summary>
    public string? Recurrence { get; init; }
    /// <summary>Local end of the recurrence (end of its "until" day); null = open-ended.</summary>
    public DateTime? RecurrenceEndsAt { get; init; }
    public bool ExpiredCached { get; init; }
    public long[] MotifIds { get; init; } = [];
}

public sealed record AbsenceRow
{
    public long Id { get; init; }
    public long AgentId { get; init; }
    public string Title { get; init; } = "";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }
    public DateOnly EndDay { get; init; }
    public TimeOnly EndTime { get; init; }
    public string? Recurrence { get; init; }
    public DateTime? RecurrenceEndsAt { get; init; }
    public bool ExpiredCached { get; init; }
}

/// <summary>A non-cancelled rdv of a candidate agent, in any organisation, individual or collective.</summary>
public sealed record BusyRdvRow
{
    public long RdvId { get; init; }
    public long AgentId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
}

public sealed record OrganisationCalendarRow
{
    public long OrganisationId { get; init; }
    public string TimeZone { get; init; } = "";
    public string DepartementNumber { get; init; } = "";
    /// <summary>Code of the Domain HolidayCalendar.</summary>
    public string HolidayCalendar { get; init; } = "";
}
