using Dapper;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.OrganisationAgents;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class OrganisationAgentStore(DbSession db) : IOrganisationAgentStore
{
    // Pending = invited (an e-mail) but no password yet; the account row is the identity module's.
    private const string AgentColumns = """
        a.id, a.first_name, a.last_name, a.email::text as email, r.access_level,
        array(select x.service_id from organisations.agent_services x where x.agent_id = a.id order by x.service_id) as service_ids,
        array(select s.name from organisations.agent_services x join organisations.services s on s.id = x.service_id
               where x.agent_id = a.id order by s.name) as service_names,
        (a.email is not null and not exists (select 1 from identity.agent_accounts c where c.agent_id = a.id and c.password_hash is not null)) as invitation_pending
        """;

    public async Task<IReadOnlyList<OrganisationAgentRow>> ListAsync(AgentAccess access, OrganisationAgentFilter filter, CancellationToken cancellationToken)
    {
        var sql = $"""
            select {AgentColumns}
              from organisations.agent_roles r join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @Org
               and (@SeesAll or a.id = @Me
                    or exists (select 1 from organisations.agent_services x where x.agent_id = a.id and x.service_id = any(@ServiceIds)))
               and (@Level::text is null or r.access_level = @Level::text)
               and (@Search::text is null
                    or concat_ws(' ', a.first_name, a.last_name, a.email) ilike '%' || replace(replace(replace(@Search::text, '\', '\\'), '%', '\%'), '_', '\_') || '%')
             order by lower(a.last_name), lower(coalesce(a.first_name, '')), a.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OrganisationAgentRow>(new CommandDefinition(sql, new
        {
            Org = access.OrganisationId,
            SeesAll = access.SeesWholeOrganisation,
            Me = access.AgentId,
            ServiceIds = access.ServiceIds.ToArray(),
            Level = filter.AccessLevel,
            filter.Search,
        }, db.Transaction, cancellationToken: cancellationToken))).AsList();
        return filter.PendingInvitationOnly ? rows.Where(r => r.InvitationPending).ToList() : rows;
    }

    public async Task<OrganisationAgentRow?> GetAsync(long organisationId, long agentId, CancellationToken cancellationToken)
    {
        var sql = $"""
            select {AgentColumns}
              from organisations.agent_roles r join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @organisationId and r.agent_id = @agentId
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OrganisationAgentRow>(new CommandDefinition(
            sql, new { organisationId, agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<int> CountOrganisationsAsync(long agentId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from organisations.agent_roles where agent_id = @agentId", new { agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>> LockAdminsAsync(long organisationId, CancellationToken cancellationToken)
    {
        // Every role row of the organisation is locked (not only the admins'): an agent being promoted
        // meanwhile is seen once his transaction commits, never half-way.
        const string sql = """
            select r.agent_id, r.access_level
              from organisations.agent_roles r
             where r.organisation_id = @organisationId
             order by r.id
               for update of r
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var roles = await connection.QueryAsync<(long AgentId, string AccessLevel)>(new CommandDefinition(
            sql, new { organisationId }, db.Transaction, cancellationToken: cancellationToken));
        var live = (await connection.QueryAsync<long>(new CommandDefinition(
            "select id from organisations.agents where id = any(@ids) and deleted_at is null",
            new { ids = roles.Where(r => r.AccessLevel == "admin").Select(r => r.AgentId).ToArray() },
            db.Transaction, cancellationToken: cancellationToken))).AsList();
        return live;
    }

    public async Task<bool> HasFutureRdvsAsync(long organisationId, long agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            select exists (select 1 from booking.rdvs r join booking.agents_rdvs ar on ar.rdv_id = r.id and ar.agent_id = @agentId
                            where r.organisation_id = @organisationId and r.starts_at > @now and r.status in ('unknown', 'seen', 'noshow'))
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            sql, new { organisationId, agentId, now = now.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>> ExistingServicesAsync(IReadOnlyCollection<long> serviceIds, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "select id from organisations.services where id = any(@ids)", new { ids = serviceIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    public async Task AddRoleAsync(long organisationId, long agentId, string accessLevel, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into organisations.agent_roles (agent_id, organisation_id, access_level) values (@agentId, @organisationId, @accessLevel)",
            new { organisationId, agentId, accessLevel }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task UpdateAsync(long organisationId, AgentChange change, CancellationToken cancellationToken)
    {
        // Services are replaced by difference, so unchanged rows (and their history) stay.
        const string sql = """
            update organisations.agent_roles set access_level = @AccessLevel, updated_at = now()
             where organisation_id = @Org and agent_id = @AgentId and access_level <> @AccessLevel;
            update organisations.agents
               set first_name = @FirstName, last_name = @LastName, email = coalesce(@Email::citext, email), updated_at = now()
             where id = @AgentId
               and (first_name is distinct from @FirstName or last_name <> @LastName or (@Email::citext is not null and email is distinct from @Email::citext));
            delete from organisations.agent_services where agent_id = @AgentId and service_id <> all(@ServiceIds);
            insert into organisations.agent_services (agent_id, service_id)
            select @AgentId, service_id from unnest(@ServiceIds) as service_id
            on conflict do nothing;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            Org = organisationId,
            change.AgentId,
            change.AccessLevel,
            change.FirstName,
            change.LastName,
            change.Email,
            ServiceIds = change.ServiceIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveAsync(long organisationId, long agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // REFERENCE-DOMAIN §2.3 (AgentRemoval): plages of that organisation go; an agent left without
        // any organisation is soft-deleted, his e-mail kept aside and freed for a new account.
        const string sql = """
            delete from availability.plage_ouvertures where agent_id = @agentId and organisation_id = @organisationId;
            delete from organisations.agent_roles where agent_id = @agentId and organisation_id = @organisationId;
            with gone as (
                update organisations.agents
                   set deleted_at = @now, email_original = email,
                       email = case when email is null then null else ('agent_' || id || '@deleted.rdv-solidarites.fr')::citext end,
                       updated_at = now()
                 where id = @agentId and deleted_at is null
                   and not exists (select 1 from organisations.agent_roles r where r.agent_id = @agentId)
                returning id
            )
            select count(*)::int from gone;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { organisationId, agentId, now = now.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken)) == 1;
    }
}
