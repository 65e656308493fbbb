using Dapper;
using RdvSP.Application.Common.Authorization;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

/// <summary>
/// One round trip per (agent, organisation) and request: role, territory, services, Secrétariat,
/// territorial admin. Memoised for the scope, since a page may send several organisation requests.
/// The same round trip reads the inputs version first (ADR 0008) when the request has not read it:
/// every back-office request starts here, and most then use cached read models.
/// </summary>
internal sealed class AgentAccessReader(DbSession db, InputsVersion version) : IAgentAccessReader
{
    /// <summary>The service that makes a basic agent see the whole organisation (REFERENCE-SURFACES §2.1).</summary>
    internal const string SecretariatShortName = "Secrétariat";

    private readonly Dictionary<(long, long), AgentAccess?> memo = [];

    public async Task<AgentAccess?> GetAsync(long agentId, long organisationId, CancellationToken cancellationToken)
    {
        if (memo.TryGetValue((agentId, organisationId), out var known)) return known;
        const string sql = """
            select r.access_level, o.territory_id, o.time_zone,
                   coalesce(array_agg(s.id order by s.id) filter (where s.id is not null), '{}') as service_ids,
                   coalesce(bool_or(s.short_name = @secretariat or s.name = @secretariat), false) as is_secretary,
                   exists (select 1 from organisations.agent_territorial_roles t where t.agent_id = r.agent_id and t.territory_id = o.territory_id) as is_territorial_admin
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
              join organisations.organisations o on o.id = r.organisation_id
              left join organisations.agent_services x on x.agent_id = r.agent_id
              left join organisations.services s on s.id = x.service_id
             where r.agent_id = @agentId and r.organisation_id = @organisationId
             group by r.access_level, o.territory_id, o.time_zone, r.agent_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var readVersion = !version.Known;
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            readVersion ? $"{InputsVersion.Sql};\n{sql}" : sql,
            new { agentId, organisationId, secretariat = SecretariatShortName }, db.Transaction, cancellationToken: cancellationToken));
        if (readVersion) version.Read(await grid.ReadSingleAsync<long>());
        var row = await grid.ReadSingleOrDefaultAsync<AccessRow>();
        var access = row is null ? null : new AgentAccess(agentId, organisationId, row.TerritoryId, row.AccessLevel, row.ServiceIds, row.IsSecretary, row.IsTerritorialAdmin) { TimeZone = row.TimeZone };
        memo[(agentId, organisationId)] = access;
        return access;
    }

    public async Task<IReadOnlyList<long>?> AgentServicesInOrganisationAsync(long agentId, long organisationId, CancellationToken cancellationToken)
    {
        // An access read in this scope already holds them (the agent looking at his own agenda, say).
        if (memo.TryGetValue((agentId, organisationId), out var known)) return known?.ServiceIds;
        const string sql = """
            select coalesce(array_agg(x.service_id order by x.service_id) filter (where x.service_id is not null), '{}')
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
              left join organisations.agent_services x on x.agent_id = r.agent_id
             where r.agent_id = @agentId and r.organisation_id = @organisationId
             group by r.agent_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long[]?>(new CommandDefinition(sql, new { agentId, organisationId }, db.Transaction, cancellationToken: cancellationToken));
    }

    private sealed record AccessRow
    {
        public string AccessLevel { get; init; } = "";
        public long TerritoryId { get; init; }
        public string TimeZone { get; init; } = "Europe/Paris";
        public long[] ServiceIds { get; init; } = [];
        public bool IsSecretary { get; init; }
        public bool IsTerritorialAdmin { get; init; }
    }
}
