using Dapper;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

/// <summary>
/// Loads a slot search's inputs in one command of five statements (one round-trip): the inputs
/// version (first, so the inputs are at least as recent), then plages, absences, rdvs and organisations. Each statement
/// re-derives the candidate plages from the same CTE: cheaper than a temporary table, and the
/// snapshot is consistent per statement, which is what the slot engine needs (the booking re-check
/// is what guards against races).
/// </summary>
internal sealed class AvailabilityInputsReader(DbSession db) : IAvailabilityInputsReader
{
    private const string CandidatePlages = $"""
        with candidate as (
            select {OpeningPeriodRepository.Columns}
              from availability.plage_ouvertures p
              join organisations.agents a on a.id = p.agent_id and a.deleted_at is null
              left join organisations.lieux l on l.id = p.lieu_id
             where not p.expired_cached
               and p.active_days && daterange(@FirstDay, @LastDay, '[]')
               and exists (select 1 from availability.motifs_plage_ouvertures m
                            where m.plage_ouverture_id = p.id and m.motif_id = any(@MotifIds))
               and (@LieuId::bigint is null or p.lieu_id = @LieuId::bigint)
               and (l.id is null or l.availability <> 'disabled')
               and (@OrganisationIds::bigint[] is null or p.organisation_id = any(@OrganisationIds::bigint[]))
               and (@AgentIds::bigint[] is null or p.agent_id = any(@AgentIds::bigint[]))
        )
        """;

    private const string Sql = $"""
        {InputsVersion.Sql};

        {CandidatePlages}
        select * from candidate order by id;

        {CandidatePlages}
        select {AbsenceRepository.Columns}
          from availability.absences ab
         where ab.agent_id in (select agent_id from candidate)
           and not ab.expired_cached
           and ab.active_days && daterange(@AbsenceFirstDay, @AbsenceLastDay, '[]')
         order by ab.id;

        {CandidatePlages}
        select ar.rdv_id, ar.agent_id, ar.starts_at, ar.ends_at
          from booking.agents_rdvs ar
          join booking.rdvs r on r.id = ar.rdv_id
         where ar.agent_id in (select agent_id from candidate)
           and r.status in ('unknown', 'seen', 'noshow')
           and tstzrange(ar.starts_at, ar.ends_at, '[)') && tstzrange(@BusyFrom, @BusyTo, '[)')
         order by ar.starts_at, ar.agent_id;

        {CandidatePlages}
        select o.id as organisation_id, o.time_zone, t.departement_number, t.holiday_calendar
          from organisations.organisations o
          join organisations.territories t on t.id = o.territory_id
         where o.id in (select organisation_id from candidate)
         order by o.id;
        """;

    // Local days are turned into instants without knowing the zone yet: ±14 h covers every IANA offset.
    private static readonly TimeSpan ZoneMargin = TimeSpan.FromHours(14);

    public async Task<AvailabilityInputs> LoadAsync(AvailabilityInputsQuery query, CancellationToken cancellationToken) =>
        (await LoadVersionedAsync(query, cancellationToken)).Inputs;

    /// <summary>The inputs and the inputs version read just before them, in the same round trip.</summary>
    public async Task<(long Version, AvailabilityInputs Inputs)> LoadVersionedAsync(AvailabilityInputsQuery query, CancellationToken cancellationToken)
    {
        var busyFrom = new DateTimeOffset(query.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - ZoneMargin;
        var busyTo = new DateTimeOffset(query.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + ZoneMargin;
        var parameters = new
        {
            MotifIds = query.MotifIds.ToArray(),
            query.FirstDay,
            query.LastDay,
            query.LieuId,
            OrganisationIds = query.OrganisationIds?.ToArray(),
            AgentIds = query.AgentIds is { Count: > 0 } agents ? agents.ToArray() : null,
            // An absence of the day before can run past midnight into the range.
            AbsenceFirstDay = query.FirstDay.AddDays(-1),
            AbsenceLastDay = query.LastDay.AddDays(1),
            BusyFrom = busyFrom,
            BusyTo = busyTo,
        };

        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, db.Transaction, cancellationToken: cancellationToken));
        var version = await grid.ReadSingleAsync<long>();
        var plages = (await grid.ReadAsync<OpeningPeriodRow>()).AsList();
        var absences = (await grid.ReadAsync<AbsenceRow>()).AsList();
        var rdvs = (await grid.ReadAsync<BusyRdvRow>()).AsList();
        var organisations = (await grid.ReadAsync<OrganisationCalendarRow>()).AsList();
        return (version, new AvailabilityInputs(plages, absences, rdvs, organisations));
    }
}
