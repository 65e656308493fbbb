using Dapper;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.BackOfficeShell;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class BackOfficeReader(DbSession db) : IBackOfficeReader
{
    public async Task<IReadOnlyList<OrganisationItem>> OrganisationsOfAsync(long agentId, CancellationToken cancellationToken)
    {
        const string sql = """
            select o.id, o.name
              from organisations.agent_roles r
              join organisations.organisations o on o.id = r.organisation_id
             where r.agent_id = @agentId and r.access_level <> 'intervenant'
             order by o.name, o.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<OrganisationItem>(new CommandDefinition(sql, new { agentId }, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<int> RdvsToFillInAsync(AgentAccess access, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Driven by the (organisation_id, status, ends_at) index: the organisation's unknown past RDVs,
        // each checked for the agent on the (rdv_id, agent_id) unique index.
        const string sql = """
            select count(*)::int
              from booking.rdvs r
             where r.organisation_id = @organisationId and r.status = 'unknown' and r.ends_at < @now
               and exists (select 1 from booking.agents_rdvs ar where ar.rdv_id = r.id and ar.agent_id = @agentId)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql,
            new { agentId = access.AgentId, organisationId = access.OrganisationId, now = now.UtcDateTime }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<BackOfficeShell> ShellAsync(AgentAccess access, CancellationToken cancellationToken)
    {
        // Visible agents follow AgentAccess.CanSeeAgent: everyone for admins and secretaries, else
        // himself and the agents sharing one of his services.
        const string sql = """
            select trim(coalesce(a.first_name, '') || ' ' || a.last_name) from organisations.agents a where a.id = @agentId;
            select name from organisations.organisations where id = @organisationId;
            select o.id, o.name
              from organisations.agent_roles r join organisations.organisations o on o.id = r.organisation_id
             where r.agent_id = @agentId and r.access_level <> 'intervenant'
             order by o.name, o.id;
            select a.id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as full_name
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @organisationId
               and (@seesAll or a.id = @agentId
                    or exists (select 1 from organisations.agent_services x where x.agent_id = a.id and x.service_id = any(@serviceIds)))
             order by a.last_name, a.first_name, a.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            agentId = access.AgentId,
            organisationId = access.OrganisationId,
            seesAll = access.SeesWholeOrganisation,
            serviceIds = access.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        var agentName = await grid.ReadSingleAsync<string>();
        var organisationName = await grid.ReadSingleAsync<string>();
        var organisations = (await grid.ReadAsync<OrganisationItem>()).AsList();
        var agents = (await grid.ReadAsync<AgentItem>()).AsList();
        return new BackOfficeShell(access.AgentId, agentName, access.OrganisationId, organisationName, access.IsAdmin, access.IsTerritorialAdmin,
            organisations, agents, RdvsToFillIn: 0);
    }
}
