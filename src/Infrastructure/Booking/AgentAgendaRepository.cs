using Dapper;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.AgentAgenda;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Booking;

/// <summary>
/// The agenda's reads: each feed is one command (one round trip) whose statements use the per-agent
/// GiST indexes (agents_rdvs on (agent_id, period), plages and absences on (agent_id, active_days)).
/// </summary>
internal sealed class AgentAgendaRepository(DbSession db) : IAgentAgendaRepository
{
    public async Task<AgentAgendaPage?> PageAsync(long organisationId, long agentId, long viewerId, CancellationToken cancellationToken)
    {
        const string sql = """
            select o.id as organisation_id, a.id as agent_id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as agent_name,
                   o.time_zone, v.display_saturdays, v.display_cancelled_rdv as display_cancelled_rdvs
              from organisations.agents a
              cross join organisations.organisations o
              cross join organisations.agents v
             where a.id = @agentId and a.deleted_at is null and o.id = @organisationId and v.id = @viewerId
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgentAgendaPage>(new CommandDefinition(
            sql, new { organisationId, agentId, viewerId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<AgendaRdvRows> RdvsAsync(long agentId, AgendaRange range, AgendaRdvScope scope, CancellationToken cancellationToken)
    {
        // The local days become instants here, in the organisation's zone: with constant bounds the
        // planner uses the GiST index on (agent_id, period) together (a range computed in SQL from the
        // zone made it scan the period alone, for every agent), and the plan is simpler to make.
        // "offset 0" keeps each RDV a primary-key lookup: for a month (~600 rows of 100 000) the planner
        // would otherwise hash the whole rdvs table under the default random_page_cost.
        const string sql = """
            select r.id, r.organisation_id, o.name as organisation_name, r.starts_at, r.ends_at, r.status,
                   m.name as motif_name, m.color as motif_color, m.collectif, r.name, r.users_count, r.max_participants_count,
                   l.name as lieu_name,
                   case when r.organisation_id = @OrganisationId then (
                       select string_agg(trim(u.first_name || ' ' || upper(u.last_name)), ', ' order by u.last_name, u.first_name)
                         from booking.participations p
                         join usagers.users u on u.id = p.user_id
                        where p.rdv_id = r.id and (not m.collectif or p.status not in ('excused', 'revoked'))) end as usagers
              from booking.agents_rdvs ar
              cross join lateral (select * from booking.rdvs x where x.id = ar.rdv_id offset 0) r
              join organisations.motifs m on m.id = r.motif_id
              join organisations.organisations o on o.id = r.organisation_id
              left join organisations.lieux l on l.id = r.lieu_id
             where ar.agent_id = @AgentId
               and tstzrange(ar.starts_at, ar.ends_at, '[)') && tstzrange(@FromUtc, @ToUtc, '[)')
               and (r.status not in ('excused', 'revoked')
                    or (select v.display_cancelled_rdv from organisations.agents v where v.id = @ViewerId))
               and (r.organisation_id <> @OrganisationId
                    or @SeesAll
                    or m.service_id = any(@ServiceIds)
                    or exists (select 1 from booking.agents_rdvs mine where mine.rdv_id = r.id and mine.agent_id = @ViewerId))
             order by ar.starts_at, r.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rdvs = await connection.QueryAsync<AgendaRdvRow>(new CommandDefinition(sql, new
        {
            scope.OrganisationId,
            AgentId = agentId,
            FromUtc = StartOfLocalDay(range.From, scope.TimeZone),
            ToUtc = StartOfLocalDay(range.ToExclusive, scope.TimeZone),
            scope.ViewerId,
            SeesAll = scope.SeesWholeOrganisation,
            ServiceIds = scope.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        return new AgendaRdvRows(scope.TimeZone, rdvs.AsList());
    }

    public async Task<AgendaBackgroundRows> BackgroundAsync(long organisationId, long agentId, AgendaRange range, CancellationToken cancellationToken)
    {
        // Active and expired rows each have their partial index: one branch per index.
        const string sql = $"""
            select o.time_zone, t.holiday_calendar
              from organisations.organisations o
              join organisations.territories t on t.id = o.territory_id
             where o.id = @OrganisationId;

            select p.id, p.organisation_id, o.name as organisation_name, o.time_zone, p.title, p.first_day, p.start_time, p.end_time,
                   p.recurrence::text as recurrence, l.name as lieu_name, l.address as lieu_address
              from (select * from availability.plage_ouvertures
                     where agent_id = @AgentId and not expired_cached and active_days && daterange(@FirstDay, @LastDay, '[]')
                    union all
                    select * from availability.plage_ouvertures
                     where agent_id = @AgentId and expired_cached and active_days && daterange(@FirstDay, @LastDay, '[]')) p
              join organisations.organisations o on o.id = p.organisation_id
              left join organisations.lieux l on l.id = p.lieu_id
             order by p.first_day, p.start_time, p.id;

            select {AbsenceRepository.Columns}
              from (select * from availability.absences
                     where agent_id = @AgentId and not expired_cached and active_days && daterange(@FirstDay, @LastDay, '[]')
                    union all
                    select * from availability.absences
                     where agent_id = @AgentId and expired_cached and active_days && daterange(@FirstDay, @LastDay, '[]')) ab
             order by ab.first_day, ab.start_time, ab.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            OrganisationId = organisationId,
            AgentId = agentId,
            // A day of margin: an occurrence of the day before may run past midnight, and another
            // organisation's zone may shift a day.
            FirstDay = range.From.AddDays(-1),
            LastDay = range.To.AddDays(1),
        }, db.Transaction, cancellationToken: cancellationToken));
        var calendar = await grid.ReadSingleAsync<(string TimeZone, string HolidayCalendar)>();
        var plages = (await grid.ReadAsync<AgendaPlageRow>()).AsList();
        var absences = (await grid.ReadAsync<AbsenceRow>()).AsList();
        return new AgendaBackgroundRows(calendar.TimeZone, calendar.HolidayCalendar, plages, absences);
    }

    public async Task SetDisplayAsync(long agentId, AgendaDisplay display, bool shown, CancellationToken cancellationToken)
    {
        var sql = display switch
        {
            AgendaDisplay.Saturdays => "update organisations.agents set display_saturdays = @shown where id = @agentId",
            AgendaDisplay.CancelledRdvs => "update organisations.agents set display_cancelled_rdv = @shown where id = @agentId",
            _ => throw new ArgumentOutOfRangeException(nameof(display)),
        };
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { agentId, shown }, db.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The instant a local day starts (one hour later where midnight is skipped by a clock change).</summary>
    private static DateTime StartOfLocalDay(DateOnly day, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(midnight)) midnight = midnight.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}
