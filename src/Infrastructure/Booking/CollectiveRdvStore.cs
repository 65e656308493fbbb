using Dapper;
using RdvSP.Application.Booking.CollectiveRdvs;
using RdvSP.Application.Common.Authorization;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Booking;

internal sealed class CollectiveRdvStore(DbSession db) : ICollectiveRdvStore
{
    private const string ActiveStatuses = "('unknown', 'seen', 'noshow')";

    public async Task<IReadOnlyList<CollectiveRdvItem>> ListAsync(AgentAccess access, CollectiveRdvFilter filter, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.id, r.starts_at, r.ends_at, r.name, r.motif_id, m.name as motif_name, l.name as lieu_name,
                   r.max_participants_count, r.users_count, r.status,
                   array(select trim(coalesce(a.first_name, '') || ' ' || a.last_name)
                           from booking.agents_rdvs ar join organisations.agents a on a.id = ar.agent_id
                          where ar.rdv_id = r.id order by a.last_name, a.id) as agent_names
              from booking.rdvs r
              join organisations.motifs m on m.id = r.motif_id and m.collectif
              left join organisations.lieux l on l.id = r.lieu_id
             where r.organisation_id = @Org and r.status <> 'revoked' and r.starts_at >= @From
               and (@MotifId::bigint is null or r.motif_id = @MotifId::bigint)
               and (@LieuId::bigint is null or r.lieu_id = @LieuId::bigint)
               and (not @OnlyWithSeats or r.max_participants_count is null or r.users_count < r.max_participants_count)
               and (@SeesAll or m.service_id = any(@ServiceIds)
                    or exists (select 1 from booking.agents_rdvs me where me.rdv_id = r.id and me.agent_id = @Me))
             order by r.starts_at, r.id
             limit @Limit
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CollectiveRdvItem>(new CommandDefinition(sql, new
        {
            Org = access.OrganisationId,
            From = filter.From.ToUniversalTime(),
            filter.MotifId,
            filter.LieuId,
            filter.OnlyWithSeats,
            SeesAll = access.SeesWholeOrganisation,
            ServiceIds = access.ServiceIds.ToArray(),
            Me = access.AgentId,
            filter.Limit,
        }, db.Transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<CollectiveMotifOption>> MotifsAsync(AgentAccess access, CancellationToken cancellationToken)
    {
        const string sql = """
            select m.id, m.name, s.name as service_name, m.location_type, m.default_duration_in_min
              from organisations.motifs m join organisations.services s on s.id = m.service_id
             where m.organisation_id = @Org and m.deleted_at is null and m.collectif
               and (@SeesAll or m.service_id = any(@ServiceIds))
             order by s.name, m.name, m.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CollectiveMotifOption>(new CommandDefinition(sql, new
        {
            Org = access.OrganisationId,
            SeesAll = access.SeesWholeOrganisation,
            ServiceIds = access.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<bool> RemoveParticipationAsync(long rdvId, long participationId, CancellationToken cancellationToken)
    {
        // The rdv's row lock is the one joins take: the recount cannot interleave with a join's seat count.
        const string sql = $"""
            select 1 from booking.rdvs where id = @rdvId for update;
            with revoked as (
                update booking.participations set status = 'revoked'
                 where id = @participationId and rdv_id = @rdvId and status in {ActiveStatuses}
                returning rdv_id
            ), recount as (
                update booking.rdvs r
                   set users_count = (select count(*) from booking.participations p
                                       where p.rdv_id = r.id and p.status in {ActiveStatuses} and p.id <> @participationId)
                 where r.id in (select rdv_id from revoked)
            )
            select count(*)::int from revoked;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { rdvId, participationId }, db.Transaction, cancellationToken: cancellationToken));
        await grid.ReadAsync<int>();
        return await grid.ReadSingleAsync<int>() == 1;
    }
}
