using Dapper;
using RdvSP.Application.Availability.CreneauxSearch;
using RdvSP.Application.Common.Authorization;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

internal sealed class CreneauxSearchReader(DbSession db) : ICreneauxSearchReader
{
    public async Task<CreneauxSearchForm> FormAsync(AgentAccess access, CancellationToken cancellationToken)
    {
        // Motifs of the services the agent may use (all for admins and secretaries); agents as in the
        // layout's agent selector (AgentAccess.CanSeeAgent).
        const string sql = """
            select distinct s.id, s.name
              from organisations.motifs m join organisations.services s on s.id = m.service_id
             where m.organisation_id = @organisationId and m.deleted_at is null and (@seesAll or m.service_id = any(@serviceIds))
             order by s.name, s.id;
            select m.id, m.name, m.service_id, m.location_type, m.collectif
              from organisations.motifs m
             where m.organisation_id = @organisationId and m.deleted_at is null and (@seesAll or m.service_id = any(@serviceIds))
             order by m.name, m.id;
            select a.id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as full_name
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @organisationId
               and (@seesAll or a.id = @agentId
                    or exists (select 1 from organisations.agent_services x where x.agent_id = a.id and x.service_id = any(@serviceIds)))
             order by a.last_name, a.first_name, a.id;
            select l.id, l.name, l.address
              from organisations.lieux l
             where l.organisation_id = @organisationId and l.availability = 'enabled'
             order by l.name, l.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            organisationId = access.OrganisationId,
            agentId = access.AgentId,
            seesAll = access.SeesWholeOrganisation,
            serviceIds = access.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        var services = (await grid.ReadAsync<ServiceOption>()).AsList();
        var motifs = (await grid.ReadAsync<MotifOption>()).AsList();
        var agents = (await grid.ReadAsync<AgentOption>()).AsList();
        var lieux = (await grid.ReadAsync<LieuOption>()).AsList();
        return new CreneauxSearchForm(services, motifs, agents, lieux);
    }

    public async Task<IReadOnlyDictionary<long, long[]>> AgentServicesAsync(long organisationId, IReadOnlyCollection<long> agentIds, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.agent_id, coalesce(array_agg(x.service_id order by x.service_id) filter (where x.service_id is not null), '{}') as service_ids
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
              left join organisations.agent_services x on x.agent_id = r.agent_id
             where r.organisation_id = @organisationId and r.agent_id = any(@agentIds)
             group by r.agent_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long AgentId, long[] ServiceIds)>(new CommandDefinition(
            sql, new { organisationId, agentIds = agentIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.AgentId, r => r.ServiceIds);
    }

    public async Task<int> CountLieuxAsync(long organisationId, IReadOnlyCollection<long> lieuIds, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from organisations.lieux where organisation_id = @organisationId and id = any(@lieuIds)",
            new { organisationId, lieuIds = lieuIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<int> CountUsagersAsync(long organisationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        const string sql = """
            select count(*)::int
              from usagers.user_profiles p join usagers.users u on u.id = p.user_id and u.deleted_at is null
             where p.organisation_id = @organisationId and p.user_id = any(@userIds)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { organisationId, userIds = userIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CollectiveRdvRow>> CollectiveRdvsAsync(
        long organisationId, long motifId, DateTimeOffset from, IReadOnlyCollection<long>? lieuIds, IReadOnlyCollection<long>? agentIds, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.id as rdv_id, r.lieu_id, r.name, r.starts_at, r.ends_at, r.max_participants_count, r.users_count,
                   coalesce((select string_agg(trim(coalesce(a.first_name, '') || ' ' || a.last_name), ', ' order by a.last_name)
                               from booking.agents_rdvs ar join organisations.agents a on a.id = ar.agent_id
                              where ar.rdv_id = r.id), '') as agent_names
              from booking.rdvs r
             where r.motif_id = @motifId and r.organisation_id = @organisationId and r.starts_at >= @from
               and r.status <> 'revoked' and r.cancelled_at is null
               and (@lieuIds::bigint[] is null or r.lieu_id = any(@lieuIds))
               and (@agentIds::bigint[] is null or exists (select 1 from booking.agents_rdvs ar where ar.rdv_id = r.id and ar.agent_id = any(@agentIds)))
               and (r.max_participants_count is null or r.users_count < r.max_participants_count)
             order by r.starts_at, r.id
             limit @limit
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<CollectiveRdvRow>(new CommandDefinition(sql, new
        {
            organisationId,
            motifId,
            from = from.UtcDateTime,
            lieuIds = lieuIds?.ToArray(),
            agentIds = agentIds?.ToArray(),
            limit,
        }, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }
}
