using Dapper;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Usagers;

internal sealed class UsagerDirectory(DbSession db) : IUsagerDirectory
{
    /// <summary>
    /// The organisations whose usagers @organisationId sees (REFERENCE-SURFACES §2.6): itself, or every
    /// organisation of its territory when the territory shares usagers. Every read below goes through it.
    /// </summary>
    private const string VisibleOrganisations = """
        select o.id from organisations.organisations o
         where o.id = @organisationId
            or o.territory_id = (select c.territory_id
                                   from organisations.organisations c
                                   join organisations.territories t on t.id = c.territory_id
                                  where c.id = @organisationId and t.visible_users_throughout_the_territory)
        """;

    // any(array(...)): the few visible organisations are computed once, and each candidate usager is
    // checked through user_profiles_user_idx (rather than hashing every profile of the organisation).
    private const string IsVisible = $"""
        u.deleted_at is null and exists (
            select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id = any(array({VisibleOrganisations})))
        """;

    private const string TerritoryOrganisations = """
        select o.id from organisations.organisations o
         where o.territory_id = (select c.territory_id from organisations.organisations c where c.id = @organisationId)
        """;

    private const string RowColumns = "u.id, u.first_name, u.last_name, u.birth_name, u.birth_date, u.email::text as email, u.phone_number, u.responsible_id";

    private const string RecordColumns = """
        u.id, u.first_name, u.last_name, u.birth_name, u.birth_date, u.email::text as email, u.phone_number, u.phone_number_formatted,
        u.notify_by_email, u.notify_by_sms, u.address, u.address_details, u.city_code, u.post_code, u.city_name, u.latitude, u.longitude,
        u.responsible_id, u.caisse_affiliation, u.affiliation_number, u.family_situation, u.number_of_children, u.logement, u.notes,
        u.case_number, u.confirmed_at, u.franceconnect_openid_sub,
        exists (select 1 from identity.usager_accounts a where a.user_id = u.id) as has_account
        """;

    public async Task<int> CountVisibleAsync(long organisationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken)
    {
        var sql = $"select count(*)::int from usagers.users u where u.id = any(@ids) and {IsVisible}";
        return await ScalarAsync<int>(sql, new { organisationId, ids = userIds.Distinct().ToArray() }, cancellationToken);
    }

    public async Task<bool> IsInTerritoryAsync(long organisationId, long userId, CancellationToken cancellationToken)
    {
        var sql = $"""
            select exists (select 1 from usagers.users u
                             join usagers.user_profiles p on p.user_id = u.id
                            where u.id = @userId and u.deleted_at is null and p.organisation_id = any(array({TerritoryOrganisations})))
            """;
        return await ScalarAsync<bool>(sql, new { organisationId, userId }, cancellationToken);
    }

    public async Task<IReadOnlyList<UsagerRow>> SearchAsync(long organisationId, UsagerSearch search, CancellationToken cancellationToken)
    {
        // The matches are collected first (GIN index on search_vector, or the référent's index), then
        // kept when visible, sorted and cut. Materialising them stops the planner from walking the
        // whole name index in order and filtering each row when it misjudges a prefix's frequency.
        var matches = search.Terms.IsEmpty
            ? "select r.user_id as id from usagers.referent_assignations r where r.agent_id = @agentId"
            : "select u.id from usagers.users u where u.search_vector @@ to_tsquery('simple', public.immutable_unaccent(@query))"
              + (search.ReferentAgentId is null ? "" : " and exists (select 1 from usagers.referent_assignations r where r.user_id = u.id and r.agent_id = @agentId)");
        var sql = $"""
            with matches as materialized ({matches})
            select {RowColumns}
              from matches m
              join usagers.users u on u.id = m.id
             where {IsVisible}
               {(search.ExcludeIds.Count == 0 ? "" : "and u.id <> all(@excludeIds)")}
             order by lower(public.immutable_unaccent(u.last_name)), lower(public.immutable_unaccent(u.first_name)), u.id
             limit @limit
            """;
        return await RowsAsync(sql, new
        {
            organisationId,
            query = search.Terms.ToTsQuery(),
            agentId = search.ReferentAgentId,
            excludeIds = search.ExcludeIds.ToArray(),
            limit = search.Limit,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UsagerRow>> SearchTerritoryAsync(long organisationId, SearchTerms terms, int limit, CancellationToken cancellationToken)
    {
        if (terms.IsEmpty) return [];
        var sql = $"""
            with matches as materialized (
                select u.id from usagers.users u where u.search_vector @@ to_tsquery('simple', public.immutable_unaccent(@query)))
            select {RowColumns}
              from matches m
              join usagers.users u on u.id = m.id
             where u.deleted_at is null
               and exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id = any(array({TerritoryOrganisations})))
               and not exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id = any(array({VisibleOrganisations})))
             order by lower(public.immutable_unaccent(u.last_name)), lower(public.immutable_unaccent(u.first_name)), u.id
             limit @limit
            """;
        return await RowsAsync(sql, new { organisationId, query = terms.ToTsQuery(), limit }, cancellationToken);
    }

    public async Task<IReadOnlyList<AgentOption>> OrganisationAgentsAsync(long organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            select a.id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as full_name
              from organisations.agent_roles r
              join organisations.agents a on a.id = r.agent_id and a.deleted_at is null
             where r.organisation_id = @organisationId
             order by a.last_name, a.first_name, a.id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AgentOption>(new CommandDefinition(sql, new { organisationId }, db.Transaction, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<UsagerFields> FieldsAsync(long organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            select t.enable_notes_field as notes, t.enable_caisse_affiliation_field as caisse_affiliation,
                   t.enable_affiliation_number_field as affiliation_number, t.enable_family_situation_field as family_situation,
                   t.enable_number_of_children_field as number_of_children, t.enable_logement_field as logement,
                   t.enable_case_number as case_number, t.enable_address_details as address_details, o.time_zone
              from organisations.organisations o
              join organisations.territories t on t.id = o.territory_id
             where o.id = @organisationId
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<UsagerFields>(new CommandDefinition(sql, new { organisationId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<UsagerRecord?> GetRecordAsync(long userId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UsagerRecord>(new CommandDefinition(
            $"select {RecordColumns} from usagers.users u where u.id = @userId and u.deleted_at is null",
            new { userId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<UsagerFile> GetFileAsync(AgentAccess access, UsagerRecord usager, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Family members only when visible too. RDVs of this organisation in the agent's RDV scope
        // (§2.6): all for admins and secretaries, else those he attends or of his services.
        const string rdvScope = """
            r.organisation_id = @organisationId
            and exists (select 1 from booking.participations pa where pa.rdv_id = r.id and pa.user_id = @userId)
            and (@seesAll
                 or exists (select 1 from booking.agents_rdvs ar where ar.rdv_id = r.id and ar.agent_id = @agentId)
                 or m.service_id = any(@serviceIds))
            """;
        const string rdvColumns = """
            r.id, r.starts_at, (extract(epoch from r.ends_at - r.starts_at) / 60)::int as duration_in_min, m.name as motif_name, r.status,
            l.name as lieu_name,
            coalesce((select string_agg(trim(coalesce(a.first_name, '') || ' ' || a.last_name), ', ' order by a.last_name)
                        from booking.agents_rdvs ar join organisations.agents a on a.id = ar.agent_id where ar.rdv_id = r.id), '') as agent_names
            """;
        var sql = $"""
            select {RowColumns} from usagers.users u where u.id = @responsibleId and {IsVisible};
            select {RowColumns} from usagers.users u where u.responsible_id = @userId and {IsVisible} order by u.first_name, u.id;
            select a.id, trim(coalesce(a.first_name, '') || ' ' || a.last_name) as full_name
              from usagers.referent_assignations ra join organisations.agents a on a.id = ra.agent_id and a.deleted_at is null
             where ra.user_id = @userId order by a.last_name, a.first_name, a.id;
            select {rdvColumns}
              from booking.rdvs r join organisations.motifs m on m.id = r.motif_id left join organisations.lieux l on l.id = r.lieu_id
             where {rdvScope} and r.starts_at <= @now + interval '1 hour' and r.ends_at >= @now - interval '1 hour'
             order by r.starts_at, r.id;
            select {rdvColumns}
              from booking.rdvs r join organisations.motifs m on m.id = r.motif_id left join organisations.lieux l on l.id = r.lieu_id
             where {rdvScope} and r.starts_at > @now + interval '1 hour'
             order by r.starts_at, r.id
             limit 10;
            select case when r.status = 'unknown' then case when r.ends_at < @now then 'unknown_past' else 'unknown_future' end else r.status end as key,
                   count(*)::int as count
              from booking.rdvs r join organisations.motifs m on m.id = r.motif_id
             where {rdvScope}
             group by 1;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            organisationId = access.OrganisationId,
            userId = usager.Id,
            responsibleId = usager.ResponsibleId ?? 0,
            agentId = access.AgentId,
            seesAll = access.SeesWholeOrganisation,
            serviceIds = access.ServiceIds.ToArray(),
            now = now.UtcDateTime,
        }, db.Transaction, cancellationToken: cancellationToken));
        var responsible = (await grid.ReadAsync<Row>()).Select(r => r.ToUsagerRow()).SingleOrDefault();
        var relatives = (await grid.ReadAsync<Row>()).Select(r => r.ToUsagerRow()).ToList();
        var referents = (await grid.ReadAsync<AgentOption>()).AsList();
        var current = (await grid.ReadAsync<RdvRow>()).Select(r => r.ToUsagerRdv()).ToList();
        var next = (await grid.ReadAsync<RdvRow>()).Select(r => r.ToUsagerRdv()).ToList();
        var counts = (await grid.ReadAsync<(string Key, int Count)>()).ToDictionary(c => c.Key, c => c.Count);
        var fields = await FieldsAsync(access.OrganisationId, cancellationToken);
        return new UsagerFile(usager, fields, responsible, relatives, referents, current, next, counts);
    }

    public async Task<ExistingUsager?> FindByEmailAsync(long organisationId, string email, long? exceptId, CancellationToken cancellationToken)
    {
        var sql = $"""
            select u.id, u.first_name, u.last_name, u.birth_date, ({IsVisible}) as visible,
                   exists (select 1 from usagers.user_profiles p where p.user_id = u.id and p.organisation_id = any(array({TerritoryOrganisations}))) as in_territory
              from usagers.users u
             where u.email = trim(@email)::citext and u.deleted_at is null and u.id <> coalesce(@exceptId::bigint, 0)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExistingRow>(new CommandDefinition(sql, new { organisationId, email, exceptId }, db.Transaction, cancellationToken: cancellationToken));
        return row?.ToExisting();
    }

    public async Task<IReadOnlyList<ExistingUsager>> FindLookAlikesAsync(long organisationId, UsagerRecord candidate, long? exceptId, CancellationToken cancellationToken)
    {
        // Names compared as the name index stores them (lower-case, without accents).
        var sql = $"""
            select u.id, u.first_name, u.last_name, u.birth_date, true as visible, true as in_territory
              from usagers.users u
             where {IsVisible}
               and u.id <> coalesce(@exceptId::bigint, 0)
               and ((@birthDate::date is not null
                     and lower(public.immutable_unaccent(u.last_name)) = lower(public.immutable_unaccent(@lastName))
                     and lower(public.immutable_unaccent(u.first_name)) = lower(public.immutable_unaccent(@firstName))
                     and u.birth_date = @birthDate)
                    or (@phone::text is not null and u.phone_number_formatted = @phone))
             order by u.last_name, u.first_name, u.id
             limit 10
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExistingRow>(new CommandDefinition(sql, new
        {
            organisationId,
            exceptId,
            birthDate = candidate.BirthDate,
            lastName = candidate.LastName,
            firstName = candidate.FirstName,
            phone = candidate.PhoneNumberFormatted,
        }, db.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToExisting()).ToList();
    }

    public async Task<long> CreateAsync(UsagerRecord usager, long organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            with created as (
                insert into usagers.users (
                    first_name, last_name, birth_name, birth_date, email, phone_number, phone_number_formatted, notify_by_email,
                    notify_by_sms, address, address_details, responsible_id, caisse_affiliation, affiliation_number, family_situation,
                    number_of_children, logement, notes, case_number, created_through)
                values (
                    @FirstName, @LastName, @BirthName, @BirthDate, @Email, @PhoneNumber, @PhoneNumberFormatted, @NotifyByEmail,
                    @NotifySms, @Address, @AddressDetails, @ResponsibleId, @CaisseAffiliation, @AffiliationNumber, @FamilySituation,
                    @NumberOfChildren, @Logement, @Notes, @CaseNumber, 'agent_creation')
                returning id
            ), profile as (
                insert into usagers.user_profiles (user_id, organisation_id) select id, @organisationId from created
            )
            select id from created
            """;
        var parameters = Parameters(usager);
        parameters.Add("organisationId", organisationId);
        return await ScalarAsync<long>(sql, parameters, cancellationToken);
    }

    public async Task UpdateAsync(UsagerRecord usager, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, Parameters(usager), db.Transaction, cancellationToken: cancellationToken));
    }

    private const string UpdateSql = """
        update usagers.users
           set first_name = @FirstName, last_name = @LastName, birth_name = @BirthName, birth_date = @BirthDate, email = @Email,
               phone_number = @PhoneNumber, phone_number_formatted = @PhoneNumberFormatted, notify_by_email = @NotifyByEmail,
               notify_by_sms = @NotifySms, address = @Address, address_details = @AddressDetails, city_code = @CityCode,
               post_code = @PostCode, city_name = @CityName, latitude = @Latitude, longitude = @Longitude,
               responsible_id = @ResponsibleId, caisse_affiliation = @CaisseAffiliation, affiliation_number = @AffiliationNumber,
               family_situation = @FamilySituation, number_of_children = @NumberOfChildren, logement = @Logement, notes = @Notes,
               case_number = @CaseNumber, franceconnect_openid_sub = @FranceconnectOpenidSub
         where id = @Id and deleted_at is null
        """;

    public async Task<bool> HasRelativesAsync(long userId, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("select exists (select 1 from usagers.users where responsible_id = @userId and deleted_at is null)", new { userId }, cancellationToken);

    public async Task MergeAsync(UsagerRecord kept, long mergedId, bool accountFollowsMerged, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Statement order matters: the merged usager frees his unique values (e-mail, FranceConnect id)
        // before the kept one takes them; a participation both had in one RDV is kept once, and the
        // RDV's seat count recomputed. Any failure aborts the caller's transaction: nothing is half merged.
        var sql = $"""
            select id from usagers.users where id in (@keptId, @mergedId) order by id for update;

            update usagers.users set email = null, franceconnect_openid_sub = null where id = @mergedId;

            with shared as (
                delete from booking.participations p
                 where p.user_id = @mergedId
                   and exists (select 1 from booking.participations k where k.rdv_id = p.rdv_id and k.user_id = @keptId)
                returning p.rdv_id
            )
            update booking.rdvs r
               set users_count = (select count(*) from booking.participations p
                                   where p.rdv_id = r.id and p.user_id <> @mergedId and p.status in ('unknown', 'seen', 'noshow'))
             where r.id in (select rdv_id from shared);
            update booking.participations set user_id = @keptId where user_id = @mergedId;

            delete from booking.file_attentes f
             where f.user_id = @mergedId and exists (select 1 from booking.file_attentes k where k.rdv_id = f.rdv_id and k.user_id = @keptId);
            update booking.file_attentes set user_id = @keptId where user_id = @mergedId;

            update usagers.users set responsible_id = @keptId where responsible_id = @mergedId and id <> @keptId;

            insert into usagers.referent_assignations (user_id, agent_id)
            select @keptId, agent_id from usagers.referent_assignations where user_id = @mergedId
            on conflict (user_id, agent_id) do nothing;
            insert into usagers.user_profiles (user_id, organisation_id)
            select @keptId, organisation_id from usagers.user_profiles where user_id = @mergedId
            on conflict (organisation_id, user_id) do nothing;

            {(accountFollowsMerged
                ? "delete from identity.usager_accounts where user_id = @keptId; update identity.usager_accounts set user_id = @keptId where user_id = @mergedId;"
                : "delete from identity.usager_accounts where user_id = @mergedId;")}

            {UpdateSql};

            update usagers.users
               set first_name = 'Usager', last_name = 'supprimé', birth_name = null, birth_date = null, email = null,
                   phone_number = null, phone_number_formatted = null, address = null, address_details = null,
                   city_code = null, post_code = null, city_name = null, latitude = null, longitude = null,
                   affiliation_number = null, caisse_affiliation = null, family_situation = null,
                   number_of_children = null, logement = null, notes = null, case_number = null,
                   ants_pre_demande_number = null, rdv_invitation_token = null, rdv_invitation_token_updated_at = null,
                   franceconnect_openid_sub = null, notify_by_sms = false, notify_by_email = false, responsible_id = null,
                   deleted_at = @now
             where id = @mergedId;
            delete from usagers.user_profiles where user_id = @mergedId;
            delete from usagers.referent_assignations where user_id = @mergedId;
            """;
        var parameters = Parameters(kept);
        parameters.Add("keptId", kept.Id);
        parameters.Add("mergedId", mergedId);
        parameters.Add("now", now.UtcDateTime);
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private static DynamicParameters Parameters(UsagerRecord u)
    {
        var p = new DynamicParameters();
        p.Add("Id", u.Id);
        p.Add("FirstName", u.FirstName);
        p.Add("LastName", u.LastName);
        p.Add("BirthName", u.BirthName);
        p.Add("BirthDate", u.BirthDate);
        p.Add("Email", u.Email);
        p.Add("PhoneNumber", u.PhoneNumber);
        p.Add("PhoneNumberFormatted", u.PhoneNumberFormatted);
        p.Add("NotifyByEmail", u.NotifyByEmail);
        p.Add("NotifySms", u.NotifyBySms);
        p.Add("Address", u.Address);
        p.Add("AddressDetails", u.AddressDetails);
        p.Add("CityCode", u.CityCode);
        p.Add("PostCode", u.PostCode);
        p.Add("CityName", u.CityName);
        p.Add("Latitude", u.Latitude);
        p.Add("Longitude", u.Longitude);
        p.Add("ResponsibleId", u.ResponsibleId);
        p.Add("CaisseAffiliation", u.CaisseAffiliation);
        p.Add("AffiliationNumber", u.AffiliationNumber);
        p.Add("FamilySituation", u.FamilySituation);
        p.Add("NumberOfChildren", u.NumberOfChildren);
        p.Add("Logement", u.Logement);
        p.Add("Notes", u.Notes);
        p.Add("CaseNumber", u.CaseNumber);
        p.Add("FranceconnectOpenidSub", u.FranceconnectOpenidSub);
        return p;
    }

    private async Task<IReadOnlyList<UsagerRow>> RowsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUsagerRow()).ToList();
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken)) ?? throw new InvalidOperationException("No value.");
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? BirthName { get; init; }
        public DateOnly? BirthDate { get; init; }
        public string? Email { get; init; }
        public string? PhoneNumber { get; init; }
        public long? ResponsibleId { get; init; }

        public UsagerRow ToUsagerRow() => new(Id, FirstName, LastName, BirthName, BirthDate, Email, PhoneNumber, ResponsibleId is not null);
    }

    private sealed class ExistingRow
    {
        public long Id { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public DateOnly? BirthDate { get; init; }
        public bool Visible { get; init; }
        public bool InTerritory { get; init; }

        public ExistingUsager ToExisting() => new(Id, FirstName, LastName, BirthDate, Visible, InTerritory);
    }

    private sealed class RdvRow
    {
        public long Id { get; init; }
        public DateTime StartsAt { get; init; }
        public int DurationInMin { get; init; }
        public string MotifName { get; init; } = "";
        public string Status { get; init; } = "";
        public string? LieuName { get; init; }
        public string AgentNames { get; init; } = "";

        public UsagerRdv ToUsagerRdv() => new(Id, new DateTimeOffset(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc)), DurationInMin, MotifName, Status, LieuName, AgentNames);
    }
}
