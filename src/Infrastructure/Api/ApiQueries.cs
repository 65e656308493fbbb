using Dapper;
using RdvSP.Application.Api.V1;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.PublicLinks;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Api;

/// <summary>
/// REFERENCE-API §1.9 in SQL. A list is one statement: the scoped set, its count and one page of ids
/// in the endpoint's order (the records are then read set-based by <see cref="ApiObjectReader"/>).
/// </summary>
internal sealed class ApiQueries(DbSession db) : IApiQueries, IApiWriter, IPublicLinksReader
{
    /// <summary>The caller's roles (intervenants have no API access, as in the back-office).</summary>
    private const string MyRoles = """
        my_roles as (
            select r.organisation_id, r.access_level from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.agent_id = @me and r.access_level <> 'intervenant')
        """;

    /// <summary>
    /// Agents the caller sees: all agents of the organisations he administers, of every organisation
    /// when he is in the Secrétariat, of his territories' organisations when territorial admin, and in
    /// the organisations where he is basic the agents sharing one of his services; himself always.
    /// </summary>
    private const string VisibleAgents = $"""
        {MyRoles},
        is_secretary as (
            select exists (select 1 from organisations.agent_services x join organisations.services s on s.id = x.service_id
                            where x.agent_id = @me and (s.short_name = @secretariat or s.name = @secretariat)) as yes),
        whole_orgs as (
            select organisation_id from my_roles where access_level = 'admin' or (select yes from is_secretary)
            union
            select o.id from organisations.organisations o
              join organisations.agent_territorial_roles t on t.territory_id = o.territory_id
              join organisations.agents me on me.id = t.agent_id and me.deleted_at is null
             where t.agent_id = @me),
        visible_agents as (
            select a.id, a.created_at from organisations.agents a
             where a.deleted_at is null
               and (a.id = @me and exists (select 1 from my_roles)
                    or exists (select 1 from organisations.agent_roles r where r.agent_id = a.id
                                 and (r.organisation_id in (select organisation_id from whole_orgs)
                                      or (r.organisation_id in (select organisation_id from my_roles where access_level = 'basic')
                                          and exists (select 1 from organisations.agent_services x1
                                                        join organisations.agent_services x2 on x2.service_id = x1.service_id and x2.agent_id = @me
                                                       where x1.agent_id = a.id))))))
        """;

    /// <summary>The organisations whose users a context organisation shows (its territory's when the territory says so).</summary>
    private const string ContextOrganisations = """
        select @org union
        select o2.id from organisations.organisations o1
          join organisations.territories t on t.id = o1.territory_id and t.visible_users_throughout_the_territory
          join organisations.organisations o2 on o2.territory_id = o1.territory_id
         where o1.id = @org
        """;

    private static int Offset(int page) => ApiPage.Offset(page);

    private async Task<ApiIdPage> PageAsync(string with, string baseQuery, string order, object parameters, CancellationToken ct)
    {
        var sql = $"""
            with {with}{(with.Length > 0 ? "," : "")} base as ({baseQuery})
            select (select count(*) from base) as total_count,
                   array(select id from base order by {order} limit {ApiPage.PerPage} offset @offset) as ids
            """;
        var connection = await db.ConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<PageRow>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: ct));
        return new ApiIdPage(row.Ids, row.TotalCount);
    }

    public Task<ApiIdPage> OrganisationsOfAgentAsync(long agentId, string? cityCode, string? streetBanId, int page, CancellationToken cancellationToken)
    {
        const string baseQuery = """
            select o.id from organisations.organisations o
             where o.id in (select organisation_id from my_roles)
               and (not @geo or o.id in (
                    select sa.organisation_id from organisations.sector_attributions sa
                     where sa.level = 'organisation' and sa.sector_id = (
                        select z.sector_id from organisations.zones z
                          join organisations.sector_attributions s2 on s2.sector_id = z.sector_id and s2.level = 'organisation'
                         where @cityCode is not null
                           and ((z.level = 'city' and z.city_code = @cityCode) or (z.level = 'street' and z.street_ban_id = @streetBanId))
                         group by z.sector_id
                         order by count(distinct s2.organisation_id), z.sector_id
                         limit 1)))
            """;
        return PageAsync(MyRoles, baseQuery, "id",
            new { me = agentId, geo = cityCode is not null || streetBanId is not null, cityCode, streetBanId, offset = Offset(page) }, cancellationToken);
    }

    public async Task<bool> OrganisationExistsAsync(long organisationId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from organisations.organisations where id = @organisationId)", new { organisationId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public Task<ApiIdPage> MotifsAsync(AgentAccess access, MotifFilter filter, int page, CancellationToken cancellationToken)
    {
        const string baseQuery = """
            select m.id from organisations.motifs m
             where m.organisation_id = @org
               and (@whole or m.service_id = any(@services))
               and (@active is null or (@active and m.deleted_at is null) or (not @active and m.deleted_at is not null))
               and (@bookablePublicly is null
                    or (m.bookable_by in ('everyone', 'agents_and_prescripteurs_and_invited_users')) = @bookablePublicly)
               and (@serviceId is null or m.service_id = @serviceId)
               and (@category is null or m.motif_category_id in (select c.id from organisations.motif_categories c where c.short_name = @category))
            """;
        return PageAsync("", baseQuery, "id", new
        {
            org = access.OrganisationId, whole = access.SeesWholeOrganisation, services = access.ServiceIds.ToArray(),
            active = filter.Active, bookablePublicly = filter.BookablePublicly, serviceId = filter.ServiceId, category = filter.CategoryShortName,
            offset = Offset(page),
        }, cancellationToken);
    }

    public Task<ApiIdPage> RdvsAsync(AgentAccess access, DateTimeOffset? startsAfter, DateTimeOffset? startsBefore, int page, CancellationToken cancellationToken)
    {
        // The back-office list's scope (RdvAccessFacts.VisibleTo): whole organisation, or his services' motifs and his own RDVs.
        const string baseQuery = """
            select r.id, r.starts_at from booking.rdvs r
             where r.organisation_id = @org
               and (@whole
                    or r.motif_id in (select m.id from organisations.motifs m where m.organisation_id = @org and m.service_id = any(@services))
                    or exists (select 1 from booking.agents_rdvs me where me.rdv_id = r.id and me.agent_id = @me))
               and (@startsAfter::timestamptz is null or r.starts_at >= @startsAfter)
               and (@startsBefore::timestamptz is null or r.starts_at <= @startsBefore)
            """;
        return PageAsync("", baseQuery, "starts_at, id", new
        {
            org = access.OrganisationId, whole = access.SeesWholeOrganisation, services = access.ServiceIds.ToArray(), me = access.AgentId,
            startsAfter = startsAfter?.ToUniversalTime(), startsBefore = startsBefore?.ToUniversalTime(), offset = Offset(page),
        }, cancellationToken);
    }

    public Task<ApiIdPage> UsersOfOrganisationAsync(long organisationId, int page, CancellationToken cancellationToken)
    {
        const string baseQuery = $"""
            select u.id from usagers.users u
             where u.deleted_at is null
               and exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id in ({ContextOrganisations}))
            """;
        return PageAsync("", baseQuery, "id", new { org = organisationId, offset = Offset(page) }, cancellationToken);
    }

    public Task<ApiIdPage> UsersOfAgentAsync(long agentId, IReadOnlyList<long>? ids, int page, CancellationToken cancellationToken)
    {
        const string baseQuery = """
            select u.id from usagers.users u
             where u.deleted_at is null
               and (not @filterIds or u.id = any(@ids))
               and exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id in (select organisation_id from my_roles))
            """;
        return PageAsync(MyRoles, baseQuery, "id",
            new { me = agentId, filterIds = ids is not null, ids = (ids ?? []).ToArray(), offset = Offset(page) }, cancellationToken);
    }

    public async Task<bool> UserInOrganisationAsync(long userId, long organisationId, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select exists (select 1 from usagers.users u where u.id = @userId and u.deleted_at is null
                             and exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id in ({ContextOrganisations})))
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { userId, org = organisationId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<long>?> SharedOrganisationsOfUserAsync(long userId, long agentId, CancellationToken cancellationToken)
    {
        const string sql = $"""
            with {MyRoles}
            select exists (select 1 from usagers.users u where u.id = @userId and u.deleted_at is null) as found,
                   array(select p.organisation_id from usagers.user_profiles p
                          where p.user_id = @userId and p.organisation_id in (select organisation_id from my_roles) order by 1) as organisation_ids
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<SharedRow>(new CommandDefinition(sql, new { userId, me = agentId }, db.Transaction, cancellationToken: cancellationToken));
        return row.Found ? row.OrganisationIds : null;
    }

    public Task<ApiIdPage> AgentsVisibleToAsync(long agentId, long? organisationId, int page, CancellationToken cancellationToken)
    {
        // The reference ignores organisation_id when the caller has no role there.
        const string baseQuery = """
            select v.id, v.created_at from visible_agents v
             where @org = 0 or not exists (select 1 from my_roles where organisation_id = @org)
                or exists (select 1 from organisations.agent_roles r where r.agent_id = v.id and r.organisation_id = @org)
            """;
        return PageAsync(VisibleAgents, baseQuery, "created_at, id", new
        {
            me = agentId, secretariat = AgentAccessReader.SecretariatShortName, org = organisationId ?? 0, offset = Offset(page),
        }, cancellationToken);
    }

    public Task<ApiIdPage> AbsencesVisibleToAsync(long agentId, int page, CancellationToken cancellationToken)
    {
        const string baseQuery = "select ab.id, ab.first_day, ab.start_time from availability.absences ab where ab.agent_id in (select id from visible_agents)";
        return PageAsync(VisibleAgents, baseQuery, "first_day desc, start_time desc, id desc",
            new { me = agentId, secretariat = AgentAccessReader.SecretariatShortName, offset = Offset(page) }, cancellationToken);
    }

    public async Task<long?> AgentOfAbsenceAsync(long absenceId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select agent_id from availability.absences where id = @absenceId", new { absenceId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> AgentVisibleToAsync(long callerId, long agentId, CancellationToken cancellationToken)
    {
        const string sql = $"with {VisibleAgents} select exists (select 1 from visible_agents where id = @agentId)";
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql,
            new { me = callerId, agentId, secretariat = AgentAccessReader.SecretariatShortName }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> AgentExistsAsync(long agentId, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("select exists (select 1 from organisations.agents where id = @agentId and deleted_at is null)", new { agentId }, cancellationToken);

    public async Task<bool> AgentInTerritoryAsync(long agentId, long territoryId, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("""
            select exists (select 1 from organisations.agent_roles r join organisations.organisations o on o.id = r.organisation_id
                            where r.agent_id = @agentId and o.territory_id = @territoryId)
            """, new { agentId, territoryId }, cancellationToken);

    public async Task<long?> AgentIdByEmailAsync(string email, CancellationToken cancellationToken) =>
        await ScalarAsync<long?>("select id from organisations.agents where lower(email) = lower(@email) and deleted_at is null order by id limit 1",
            new { email = email.Trim() }, cancellationToken);

    public async Task<IReadOnlyList<long>?> OrganisationsSharedWithAgentAsync(long callerId, long agentId, CancellationToken cancellationToken)
    {
        const string sql = $"""
            with {MyRoles}
            select exists (select 1 from organisations.agents a where a.id = @agentId and a.deleted_at is null) as found,
                   array(select r.organisation_id from organisations.agent_roles r
                          where r.agent_id = @agentId and r.organisation_id in (select organisation_id from my_roles) order by 1) as organisation_ids
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<SharedRow>(new CommandDefinition(sql, new { agentId, me = callerId }, db.Transaction, cancellationToken: cancellationToken));
        return row.Found ? row.OrganisationIds : null;
    }

    public Task MarkCreatedThroughApiAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("update usagers.users set created_through = 'agent_creation_api' where id = @userId", new { userId }, cancellationToken);

    public Task ReplaceUserOrganisationsAsync(long userId, IReadOnlyList<long> organisationIds, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            with removed as (delete from usagers.user_profiles where user_id = @userId and organisation_id <> all(@ids))
            insert into usagers.user_profiles (user_id, organisation_id) select @userId, unnest(@ids) on conflict do nothing
            """, new { userId, ids = organisationIds.ToArray() }, cancellationToken);

    public Task ReplaceReferentsAsync(long userId, IReadOnlyList<long> agentIds, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            with removed as (delete from usagers.referent_assignations where user_id = @userId and agent_id <> all(@ids))
            insert into usagers.referent_assignations (user_id, agent_id) select @userId, unnest(@ids) on conflict do nothing
            """, new { userId, ids = agentIds.ToArray() }, cancellationToken);

    public async Task<bool> InvitationTokenTakenAsync(string token, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("select exists (select 1 from usagers.users where rdv_invitation_token = @token)", new { token }, cancellationToken);

    public async Task<string> SetInvitationTokenAsync(long userId, string candidate, CancellationToken cancellationToken) =>
        (await ScalarAsync<string>("""
            update usagers.users
               set invited_through = case when rdv_invitation_token is null then 'external' else invited_through end,
                   rdv_invitation_token = coalesce(rdv_invitation_token, @candidate),
                   rdv_invitation_token_updated_at = now()
             where id = @userId
            returning rdv_invitation_token
            """, new { userId, candidate }, cancellationToken))!;

    public async Task<bool> AddUserProfileAsync(long userId, long organisationId, CancellationToken cancellationToken) =>
        await ExecuteCountAsync("insert into usagers.user_profiles (user_id, organisation_id) values (@userId, @organisationId) on conflict do nothing",
            new { userId, organisationId }, cancellationToken) == 1;

    public async Task<bool> UserProfileExistsAsync(long userId, long organisationId, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("""
            select exists (select 1 from usagers.user_profiles p join usagers.users u on u.id = p.user_id and u.deleted_at is null
                            where p.user_id = @userId and p.organisation_id = @organisationId)
            """, new { userId, organisationId }, cancellationToken);

    public async Task<bool> HasUpcomingRdvsAsync(IReadOnlyList<long> userIds, long organisationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("""
            select exists (select 1 from booking.participations p join booking.rdvs r on r.id = p.rdv_id
                            where p.user_id = any(@ids) and r.organisation_id = @organisationId and r.starts_at > @now
                              and r.cancelled_at is null and p.status not in ('excused', 'revoked'))
            """, new { ids = userIds.ToArray(), organisationId, now }, cancellationToken);

    public Task DeleteUserProfilesAsync(IReadOnlyList<long> userIds, long organisationId, CancellationToken cancellationToken) =>
        ExecuteAsync("delete from usagers.user_profiles where user_id = any(@ids) and organisation_id = @organisationId",
            new { ids = userIds.ToArray(), organisationId }, cancellationToken);

    public async Task<bool> AddReferentAsync(long userId, long agentId, CancellationToken cancellationToken) =>
        await ExecuteCountAsync("insert into usagers.referent_assignations (user_id, agent_id) values (@userId, @agentId) on conflict do nothing",
            new { userId, agentId }, cancellationToken) == 1;

    public async Task<bool> DeleteReferentAsync(long userId, long agentId, CancellationToken cancellationToken) =>
        await ExecuteCountAsync("delete from usagers.referent_assignations where user_id = @userId and agent_id = @agentId",
            new { userId, agentId }, cancellationToken) == 1;

    private async Task<T?> ScalarAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task<int> ExecuteCountAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) => ExecuteCountAsync(sql, parameters, cancellationToken);

    public async Task<(long RdvId, long OrganisationId)?> LocateParticipationAsync(long participationId, CancellationToken cancellationToken)
    {
        const string sql = "select p.rdv_id, r.organisation_id from booking.participations p join booking.rdvs r on r.id = p.rdv_id where p.id = @participationId";
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ParticipationLocation>(new CommandDefinition(sql, new { participationId }, db.Transaction, cancellationToken: cancellationToken));
        return row is null ? null : (row.RdvId, row.OrganisationId);
    }

    public async Task<bool> OrganisationNameTakenAsync(long organisationId, string name, CancellationToken cancellationToken)
    {
        const string sql = """
            select exists (select 1 from organisations.organisations o
                             join organisations.organisations me on me.id = @organisationId and me.territory_id = o.territory_id
                            where o.id <> me.id and o.name = @name)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { organisationId, name }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task UpdateOrganisationAsync(UpdateApiOrganisationCommand command, CancellationToken cancellationToken)
    {
        const string sql = """
            update organisations.organisations
               set name = coalesce(@Name, name),
                   phone_number = case when @SetsPhoneNumber then nullif(trim(@PhoneNumber), '') else phone_number end,
                   email = case when @SetsEmail then nullif(trim(@Email), '') else email end,
                   verticale = coalesce(@Verticale, verticale)
             where id = @OrganisationId
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            command.Name, command.SetsPhoneNumber, command.PhoneNumber, command.SetsEmail, command.Email, command.Verticale, command.OrganisationId,
        }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PublicLinkEntry>?> ListAsync(string departement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            select exists (select 1 from organisations.territories where departement_number = @departement);
            select o.external_id, o.id as organisation_id, o.verticale
              from organisations.organisations o
              join organisations.territories t on t.id = o.territory_id
             where t.departement_number = @departement and o.external_id is not null
               and (exists (select 1 from availability.plage_ouvertures po
                              join availability.motifs_plage_ouvertures mp on mp.plage_ouverture_id = po.id
                              join organisations.motifs m on m.id = mp.motif_id and m.deleted_at is null and m.bookable_by = 'everyone'
                             where po.organisation_id = o.id
                               and ((po.recurrence is null and po.first_day >= (@now at time zone o.time_zone)::date)
                                    or (po.recurrence is not null and (po.recurrence_ends_at is null or po.recurrence_ends_at >= (@now at time zone o.time_zone)))))
                    or exists (select 1 from booking.rdvs r
                                 join organisations.motifs m on m.id = r.motif_id and m.collectif and m.bookable_by = 'everyone'
                                where r.organisation_id = o.id and r.starts_at > @now and r.status not in ('excused', 'revoked')))
             order by o.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { departement, now }, db.Transaction, cancellationToken: cancellationToken));
        if (!await grid.ReadSingleAsync<bool>()) return null;
        return [.. (await grid.ReadAsync<LinkRow>()).Select(l => new PublicLinkEntry(l.ExternalId, l.OrganisationId, l.Verticale))];
    }

    private sealed record PageRow
    {
        public long TotalCount { get; init; }
        public long[] Ids { get; init; } = [];
    }

    private sealed record SharedRow
    {
        public bool Found { get; init; }
        public long[] OrganisationIds { get; init; } = [];
    }

    private sealed record ParticipationLocation
    {
        public long RdvId { get; init; }
        public long OrganisationId { get; init; }
    }

    private sealed record LinkRow
    {
        public string ExternalId { get; init; } = "";
        public long OrganisationId { get; init; }
        public string Verticale { get; init; } = "";
    }
}
