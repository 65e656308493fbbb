using System.Text;
using Dapper;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Common.Authorization;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Booking;

internal sealed class AgentRdvStore(DbSession db) : IAgentRdvStore
{
    private const string ActiveStatuses = "('unknown', 'seen', 'noshow')";

    public async Task<RdvAccessFacts?> RdvAccessAsync(long rdvId, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.organisation_id, m.service_id, array(select ar.agent_id from booking.agents_rdvs ar where ar.rdv_id = r.id) as agent_ids
              from booking.rdvs r join organisations.motifs m on m.id = r.motif_id
             where r.id = @rdvId
            """;
        var row = await QuerySingleOrDefaultAsync<AccessRow>(sql, new { rdvId }, cancellationToken);
        return row is null ? null : new RdvAccessFacts(row.OrganisationId, row.ServiceId, row.AgentIds);
    }

    public async Task<OrganisationIdsCheck> CheckIdsAsync(long organisationId, OrganisationIds ids, CancellationToken cancellationToken)
    {
        // A relative is of the organisation when its responsible is (profiles are added family-wide).
        const string sql = """
            select (select m.service_id from organisations.motifs m
                     where m.id = @MotifId and m.organisation_id = @Org and m.deleted_at is null) as motif_service_id,
                   (select count(*) from organisations.lieux l where l.id = any(@LieuIds) and l.organisation_id = @Org) = cardinality(@LieuIds) as lieux_ok,
                   (select count(*) from organisations.agent_roles r join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
                     where r.organisation_id = @Org and r.agent_id = any(@AgentIds)) = cardinality(@AgentIds) as agents_ok,
                   (select count(*) from usagers.users u
                     where u.id = any(@UserIds) and u.deleted_at is null
                       and exists (select 1 from usagers.user_profiles p
                                    where p.organisation_id = @Org and (p.user_id = u.id or p.user_id = u.responsible_id))) = cardinality(@UserIds) as users_ok,
                   (select count(*) from organisations.motifs m where m.id = any(@MotifIds) and m.organisation_id = @Org) = cardinality(@MotifIds) as motifs_ok
            """;
        static long[] Distinct(IReadOnlyCollection<long>? values) => values is null ? [] : values.Distinct().ToArray();
        return await QuerySingleOrDefaultAsync<OrganisationIdsCheck>(sql, new
        {
            Org = organisationId,
            ids.MotifId,
            LieuIds = Distinct(ids.LieuIds),
            AgentIds = Distinct(ids.AgentIds),
            UserIds = Distinct(ids.UserIds),
            MotifIds = Distinct(ids.MotifIds),
        }, cancellationToken) ?? throw new InvalidOperationException("The ids check returns one row.");
    }

    public async Task<BookingContextRows> LoadContextAsync(
        IReadOnlyCollection<long> agentIds, IReadOnlyCollection<long> userIds,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset dayStart, DateTimeOffset dayEnd,
        DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var sql = $"""
            select r.id as rdv_id, r.organisation_id, r.motif_id, r.lieu_id, r.starts_at, r.ends_at, r.status,
                   array(select x.agent_id from booking.agents_rdvs x where x.rdv_id = r.id) as agent_ids,
                   array(select p.user_id from booking.participations p where p.rdv_id = r.id) as user_ids
              from booking.rdvs r
             where r.status in {ActiveStatuses}
               and (r.id in (select ar.rdv_id from booking.agents_rdvs ar
                              where ar.agent_id = any(@AgentIds)
                                and tstzrange(ar.starts_at, ar.ends_at, '[)') && tstzrange(@From, @To, '[)'))
                    or (r.id in (select p.rdv_id from booking.participations p where p.user_id = any(@UserIds))
                        and r.starts_at >= @DayStart and r.starts_at < @DayEnd));
            select id, agent_id, title, first_day, start_time, end_day, end_time, recurrence::text as recurrence
              from availability.absences
             where agent_id = any(@AgentIds) and active_days && daterange(@FirstDay, @LastDay, '[]');
            select id, agent_id, organisation_id, lieu_id, title, first_day, start_time, end_time, recurrence::text as recurrence
              from availability.plage_ouvertures
             where agent_id = any(@AgentIds) and active_days && daterange(@FirstDay, @LastDay, '[]');
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            AgentIds = agentIds.ToArray(),
            UserIds = userIds.ToArray(),
            From = from.ToUniversalTime(),
            To = to.ToUniversalTime(),
            DayStart = dayStart.ToUniversalTime(),
            DayEnd = dayEnd.ToUniversalTime(),
            FirstDay = firstDay.AddDays(-1),
            LastDay = lastDay,
        }, db.Transaction, cancellationToken: cancellationToken));
        var rdvs = (await grid.ReadAsync<ContextRdvRow>()).Select(r => r.ToDomain()).ToList();
        var absences = (await grid.ReadAsync<AbsenceRow>()).AsList();
        var plages = (await grid.ReadAsync<OpeningPeriodRow>()).AsList();
        return new BookingContextRows(rdvs, absences, plages);
    }

    public async Task<IReadOnlyList<UsagerContact>> ContactsAsync(IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        const string sql = """
            select u.id, u.first_name, u.last_name, u.birth_date, u.email, u.phone_number, u.phone_number_formatted,
                   u.responsible_id, resp.email as responsible_email, resp.phone_number_formatted as responsible_phone_number_formatted
              from unnest(@Ids) with ordinality as x(id, ord)
              join usagers.users u on u.id = x.id
              left join usagers.users resp on resp.id = u.responsible_id
             order by x.ord
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<UsagerContact>(new CommandDefinition(sql, new { Ids = userIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<long> AddSingleUseLieuAsync(long organisationId, string name, string address, CancellationToken cancellationToken)
    {
        // No geocoding inside a transaction: the single-use lieu sits at the centre of the organisation's lieux.
        const string sql = """
            insert into organisations.lieux (organisation_id, name, address, latitude, longitude, availability)
            select @Org, @Name, @Address, coalesce(avg(latitude), 46.6), coalesce(avg(longitude), 2.4), 'single_use'
              from organisations.lieux where organisation_id = @Org and availability = 'enabled'
            returning id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { Org = organisationId, Name = name, Address = address }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<Result> UpdateAsync(RdvUpdate update, CancellationToken cancellationToken)
    {
        // Removed agents out first; moving the rdv moves the kept agents' rows (trigger), where the
        // exclusion constraint may refuse a usager-booked rdv moved onto another one.
        const string sql = """
            delete from booking.agents_rdvs where rdv_id = @RdvId and agent_id <> all(@AgentIds);
            update booking.rdvs set starts_at = @StartsAt, ends_at = @EndsAt, lieu_id = @LieuId, context = @Context where id = @RdvId;
            insert into booking.agents_rdvs (agent_id, rdv_id, starts_at, ends_at, exclusive)
            select a, @RdvId, @StartsAt, @EndsAt, false from unnest(@AgentIds) as a
            on conflict (rdv_id, agent_id) do nothing;
            update booking.participations p
               set send_lifecycle_notifications = f.lifecycle, send_reminder_notification = f.reminder
              from unnest(@UserIds, @Lifecycle, @Reminder) as f(user_id, lifecycle, reminder)
             where p.rdv_id = @RdvId and p.user_id = f.user_id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var transaction = db.Transaction ?? throw new InvalidOperationException("An RDV update runs inside the command's transaction.");
        await transaction.SaveAsync("agent_rdv_update", cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                update.RdvId,
                StartsAt = update.StartsAt.ToUniversalTime(),
                EndsAt = update.EndsAt.ToUniversalTime(),
                update.LieuId,
                update.Context,
                AgentIds = update.AgentIds.Distinct().ToArray(),
                UserIds = update.Participants.Select(p => p.UserId).ToArray(),
                Lifecycle = update.Participants.Select(p => p.SendLifecycleNotifications).ToArray(),
                Reminder = update.Participants.Select(p => p.SendReminderNotification).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
            await transaction.ReleaseAsync("agent_rdv_update", cancellationToken);
            return Result.Success;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            await transaction.RollbackAsync("agent_rdv_update", cancellationToken);
            return BookingErrors.SlotUnavailable;
        }
    }

    public async Task SetStatusAsync(long rdvId, RdvStatusChange change, IReadOnlyList<long> participationIds, CancellationToken cancellationToken)
    {
        var sql = $"""
            update booking.rdvs set status = @Status, cancelled_at = @CancelledAt where id = @RdvId;
            update booking.participations p set status = x.status
              from unnest(@Ids, @Statuses) as x(id, status)
             where p.id = x.id and p.rdv_id = @RdvId;
            update booking.rdvs
               set users_count = (select count(*) from booking.participations where rdv_id = @RdvId and status in {ActiveStatuses})
             where id = @RdvId;
            -- A cancelled RDV leaves the waiting list, whoever cancels it (REFERENCE-DOMAIN §5.9).
            delete from booking.file_attentes where rdv_id = @RdvId and @Status in ('excused', 'revoked');
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            RdvId = rdvId,
            Status = change.Status.ToDbValue(),
            CancelledAt = change.CancelledAt?.ToUniversalTime(),
            Ids = participationIds.ToArray(),
            Statuses = change.Participations.Select(s => s.ToDbValue()).ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(long rdvId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from booking.rdvs where id = @rdvId", new { rdvId }, db.Transaction, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<RdvFormCatalog> CatalogAsync(AgentAccess access, CancellationToken cancellationToken)
    {
        // Motifs follow AgentAccess.CanUseService; collective motifs have their own pages.
        const string sql = """
            select time_zone from organisations.organisations where id = @Org;
            select m.id, m.name, m.service_id, s.name as service_name, m.location_type, m.collectif, m.default_duration_in_min, m.visibility_type
              from organisations.motifs m join organisations.services s on s.id = m.service_id
             where m.organisation_id = @Org and m.deleted_at is null and not m.collectif
               and (@SeesAll or m.service_id = any(@ServiceIds))
             order by s.name, m.name, m.id;
            select id, name, address from organisations.lieux where organisation_id = @Org and availability = 'enabled' order by name, id;
            select a.id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as full_name,
                   array(select x.service_id from organisations.agent_services x where x.agent_id = a.id) as service_ids
              from organisations.agent_roles r join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @Org
             order by a.last_name, a.first_name, a.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            Org = access.OrganisationId,
            SeesAll = access.SeesWholeOrganisation,
            ServiceIds = access.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        var zone = await grid.ReadSingleOrDefaultAsync<string>() ?? "Europe/Paris";
        var motifs = (await grid.ReadAsync<CatalogMotif>()).AsList();
        var lieux = (await grid.ReadAsync<LieuRow>()).Select(l => new CatalogLieu(l.Id, l.Name, l.Address)).ToList();
        var agents = (await grid.ReadAsync<CatalogAgent>()).AsList();
        return new RdvFormCatalog(zone, motifs, lieux, agents);
    }

    public async Task<(IReadOnlyList<AgentRdvListItem> Rdvs, string TimeZone)> ListPageAsync(
        AgentAccess access, AgentRdvListFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statusCondition = filter.Status switch
        {
            null => "",
            ListStatuses.UnknownPast => " and r.status = 'unknown' and r.ends_at < @Now",
            ListStatuses.UnknownFuture => " and r.status = 'unknown' and r.ends_at >= @Now",
            _ => " and r.status = @Status",
        };
        var sql = $"""
            select time_zone from organisations.organisations where id = @Org;
            select r.id, r.starts_at, r.ends_at, r.status,
                   case when r.status <> 'unknown' then r.status when r.ends_at < @Now then 'unknown_past' else 'unknown_future' end as list_status,
                   m.name as motif_name, m.location_type, l.name as lieu_name, r.context,
                   array(select ar.agent_id from booking.agents_rdvs ar where ar.rdv_id = r.id order by ar.agent_id) as agent_ids,
                   array(select trim(coalesce(a.first_name, '') || ' ' || a.last_name)
                           from booking.agents_rdvs ar join organisations.agents a on a.id = ar.agent_id
                          where ar.rdv_id = r.id order by ar.agent_id) as agent_names,
                   array(select upper(u.last_name) || ' ' || u.first_name
                           from booking.participations p join usagers.users u on u.id = p.user_id
                          where p.rdv_id = r.id order by p.id) as user_names
              from (select r.id, r.starts_at from booking.rdvs r where {Where(access, filter)}{statusCondition}
                     order by r.starts_at, r.id limit @Limit offset @Offset) page
              join booking.rdvs r on r.id = page.id
              join organisations.motifs m on m.id = r.motif_id
              left join organisations.lieux l on l.id = r.lieu_id
             order by page.starts_at, page.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, Parameters(access, filter, now), db.Transaction, cancellationToken: cancellationToken));
        var timeZone = await grid.ReadSingleAsync<string>();
        return ((await grid.ReadAsync<AgentRdvListItem>()).AsList(), timeZone);
    }

    public async Task<Dictionary<string, long>> CountByStatusAsync(AgentAccess access, AgentRdvListFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Index-only on (organisation_id, status, ends_at) for the whole organisation.
        var sql = $"""
            select case when r.status <> 'unknown' then r.status when r.ends_at < @Now then 'unknown_past' else 'unknown_future' end as status,
                   count(*) as count
              from booking.rdvs r
             where {Where(access, filter)}
             group by 1
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(sql, Parameters(access, filter, now), db.Transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(c => c.Status, c => c.Count);
    }

    /// <summary>
    /// The list's scope (the RDV policy's rule, <see cref="RdvAccessFacts.VisibleTo"/>, in SQL) and filters.
    /// The service test comes first: most RDVs pass it, and the agent's own RDVs (thousands after a
    /// year, hashed once per query) are then only read for the others.
    /// </summary>
    private static string Where(AgentAccess access, AgentRdvListFilter filter)
    {
        var where = new StringBuilder("r.organisation_id = @Org");
        if (!access.SeesWholeOrganisation)
            where.Append("""
                 and (r.motif_id in (select m.id from organisations.motifs m where m.organisation_id = @Org and m.service_id = any(@ServiceIds))
                      or exists (select 1 from booking.agents_rdvs me where me.rdv_id = r.id and me.agent_id = @Me))
                """);
        if (filter.AgentId is not null)
            where.Append(" and exists (select 1 from booking.agents_rdvs fa where fa.rdv_id = r.id and fa.agent_id = @AgentId)");
        if (filter.UserId is not null)
            where.Append(" and exists (select 1 from booking.participations fp where fp.rdv_id = r.id and fp.user_id = @UserId)");
        if (filter.LieuIds.Count > 0) where.Append(" and r.lieu_id = any(@LieuIds)");
        if (filter.MotifIds.Count > 0) where.Append(" and r.motif_id = any(@MotifIds)");
        // Local days of the organisation's zone.
        const string zone = "(select o.time_zone from organisations.organisations o where o.id = @Org)";
        if (filter.FromDay is not null) where.Append($" and r.starts_at >= (@FromDay::timestamp at time zone {zone})");
        if (filter.ToDay is not null) where.Append($" and r.starts_at < (@ToDay::timestamp at time zone {zone})");
        return where.ToString();
    }

    private static object Parameters(AgentAccess access, AgentRdvListFilter filter, DateTimeOffset now) => new
    {
        Org = access.OrganisationId,
        Me = access.AgentId,
        ServiceIds = access.ServiceIds.ToArray(),
        filter.AgentId,
        filter.UserId,
        LieuIds = filter.LieuIds.ToArray(),
        MotifIds = filter.MotifIds.ToArray(),
        FromDay = filter.FromDay?.ToDateTime(TimeOnly.MinValue),
        ToDay = filter.ToDay?.ToDateTime(TimeOnly.MinValue),
        Now = now.ToUniversalTime(),
        filter.Status,
        Limit = AgentRdvListFilter.PageSize,
        Offset = (filter.Page - 1) * AgentRdvListFilter.PageSize,
    };

    private async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private sealed record AccessRow
    {
        public long OrganisationId { get; init; }
        public long ServiceId { get; init; }
        public long[] AgentIds { get; init; } = [];
    }

    private sealed record LieuRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Address { get; init; } = "";
    }

    private sealed record ContextRdvRow
    {
        public long RdvId { get; init; }
        public long OrganisationId { get; init; }
        public long MotifId { get; init; }
        public long? LieuId { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string Status { get; init; } = "";
        public long[] AgentIds { get; init; } = [];
        public long[] UserIds { get; init; } = [];

        public ExistingRdv ToDomain() => new(RdvId, OrganisationId, MotifId, LieuId, StartsAt, EndsAt,
            RdvStatusExtensions.TryParseRdvStatus(Status, out var status) ? status : RdvStatus.Unknown, AgentIds, UserIds);
    }
}
