using Dapper;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class AgentRepository(DbSession db) : IAgentRepository
{
    public async Task AddTerritorialRoleAsync(long agentId, long territoryId, CancellationToken cancellationToken)
    {
        const string sql = "insert into organisations.agent_territorial_roles (agent_id, territory_id) values (@agentId, @territoryId) on conflict do nothing";
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { agentId, territoryId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<long> AddAsync(NewAgent agent, CancellationToken cancellationToken)
    {
        // One round-trip: the agent, its services and its roles (data-modifying CTEs share the new id).
        const string sql = """
            with new_agent as (
                insert into organisations.agents (first_name, last_name, email)
                values (@FirstName, @LastName, @Email)
                returning id
            ), services as (
                insert into organisations.agent_services (agent_id, service_id)
                select new_agent.id, service_id from new_agent, unnest(@ServiceIds) as service_id
            ), roles as (
                insert into organisations.agent_roles (agent_id, organisation_id, access_level)
                select new_agent.id, role.organisation_id, role.access_level
                  from new_agent, unnest(@RoleOrganisationIds, @RoleAccessLevels) as role(organisation_id, access_level)
            )
            select id from new_agent
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql,
            new
            {
                agent.FirstName,
                agent.LastName,
                agent.Email,
                ServiceIds = agent.ServiceIds.ToArray(),
                RoleOrganisationIds = agent.Roles.Select(r => r.OrganisationId).ToArray(),
                RoleAccessLevels = agent.Roles.Select(r => r.AccessLevel).ToArray(),
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public Task<AgentDto?> GetAsync(long id, CancellationToken cancellationToken) =>
        LoadAsync("a.id = @id", new { id }, cancellationToken);

    public Task<AgentDto?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        LoadAsync("a.email = @email::citext and a.deleted_at is null", new { email }, cancellationToken);

    private async Task<AgentDto?> LoadAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var sql = $"""
            select a.id, a.first_name, a.last_name, a.email::text as email, a.deleted_at
              from organisations.agents a where {where};
            select s.service_id from organisations.agent_services s join organisations.agents a on a.id = s.agent_id
             where {where} order by s.service_id;
            select r.organisation_id, r.access_level from organisations.agent_roles r join organisations.agents a on a.id = r.agent_id
             where {where} order by r.organisation_id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
        var agent = await grid.ReadSingleOrDefaultAsync<AgentDto>();
        var serviceIds = (await grid.ReadAsync<long>()).AsList();
        var roles = (await grid.ReadAsync<(long OrganisationId, string AccessLevel)>())
            .Select(r => new AgentRoleDto(r.OrganisationId, r.AccessLevel))
            .ToList();
        return agent is null ? null : agent with { ServiceIds = serviceIds, Roles = roles };
    }
}
