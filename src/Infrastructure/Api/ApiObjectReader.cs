using System.Text.Json;
using Dapper;
using RdvSP.Application.Api;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Api;

/// <summary>
/// Loads records in the shapes of REFERENCE-API §3 on the request's connection and transaction, and
/// writes them with <see cref="ApiJson"/>. Whatever the number of keys, a model costs one round trip:
/// every nested record (agents, participations, users, responsibles, motifs, lieux, organisations) is
/// read by a set-based statement of the same batch.
/// </summary>
internal sealed class ApiObjectReader(DbSession db, TimeProvider clock) : IApiObjectReader, IApiCollectionReader
{
    private const string Keys = "select unnest(@ids::bigint[])";

    private const string OrganisationSql = "select id, email, name, phone_number, verticale from organisations.organisations where id in ({0}) order by id;";

    private const string AgentSql = "select id, email::text as email, first_name, last_name from organisations.agents where id in ({0}) order by id;";

    private const string LieuSql = "select id, address, name, organisation_id, phone_number, availability from organisations.lieux where id in ({0}) order by id;";

    private const string MotifSql = """
        select m.id, m.bookable_by, m.collectif, m.deleted_at, m.follow_up, m.instruction_for_rdv, m.location_type,
               c.id as category_id, c.name as category_name, c.short_name as category_short_name, m.name, m.organisation_id, m.service_id
          from organisations.motifs m left join organisations.motif_categories c on c.id = m.motif_category_id
         where m.id in ({0}) order by m.id;
        """;

    /// <summary>The users of the id source and their responsibles.</summary>
    private const string UserSql = """
        select u.id, u.address, u.address_details, u.affiliation_number, u.birth_date, u.birth_name, u.caisse_affiliation,
               u.case_number, u.created_at, u.email::text as email, u.family_situation, u.first_name, u.last_name, u.logement,
               u.notes, u.notify_by_email, u.notify_by_sms, u.number_of_children, u.phone_number, u.phone_number_formatted, u.responsible_id
          from usagers.users u
         where u.id in ({0}) or u.id in (select x.responsible_id from usagers.users x where x.id in ({0}))
         order by u.id;
        """;

    public async ValueTask<string?> ReadJsonAsync(string model, ApiObjectKey key, CancellationToken cancellationToken)
    {
        var written = 0;
        var json = await SerializeAsync(async w => written = await WriteAsync(w, model, [key], cancellationToken));
        return written == 0 ? null : json;
    }

    public async ValueTask<string> ReadJsonArrayAsync(string model, IReadOnlyList<ApiObjectKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return "[]";
        return await SerializeAsync(async w =>
        {
            w.WriteStartArray();
            await WriteAsync(w, model, keys, cancellationToken);
            w.WriteEndArray();
        });
    }

    public async ValueTask<string?> ReadUserWithProfilesAsync(long userId, IReadOnlyCollection<long> organisationIds, CancellationToken cancellationToken)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, UserSql, Keys) + """
            select p.user_id, o.id, o.email, o.name, o.phone_number, o.verticale
              from usagers.user_profiles p join organisations.organisations o on o.id = p.organisation_id
             where p.organisation_id = any(@organisationIds)
               and (p.user_id = @userId or p.user_id in (select responsible_id from usagers.users where id = @userId))
             order by o.id;
            """;
        using var grid = await QueryAsync(sql, new { ids = new[] { userId }, userId, organisationIds = organisationIds.ToArray() }, cancellationToken);
        var users = (await grid.ReadAsync<UserRow>()).ToDictionary(u => u.Id);
        var profiles = (await grid.ReadAsync<ProfileOrganisation>()).ToLookup(p => p.UserId, p => p.ToRow());
        if (!users.TryGetValue(userId, out var user)) return null;
        var responsible = user.ResponsibleId is { } r ? users.GetValueOrDefault(r) : null;
        return ApiJson.Serialize(w => ApiJson.User(w, user, responsible, [.. profiles[user.Id]],
            responsible is null ? null : [.. profiles[responsible.Id]]));
    }

    private async Task<string> SerializeAsync(Func<Utf8JsonWriter, Task> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        await using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions)) await write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the existing records of <paramref name="keys"/> in their order; returns how many.</summary>
    private Task<int> WriteAsync(Utf8JsonWriter w, string model, IReadOnlyList<ApiObjectKey> keys, CancellationToken ct) => model switch
    {
        ApiModels.Rdv => WriteRdvsAsync(w, Ids(keys), ct),
        ApiModels.Organisation => WriteSimpleAsync<OrganisationRow>(w, OrganisationSql, Ids(keys), o => o.Id, ApiJson.Organisation, ct),
        ApiModels.Agent => WriteSimpleAsync<AgentRow>(w, AgentSql, Ids(keys), a => a.Id, ApiJson.Agent, ct),
        ApiModels.Lieu => WriteSimpleAsync<LieuRow>(w, LieuSql, Ids(keys), l => l.Id, ApiJson.Lieu, ct),
        ApiModels.Motif => WriteSimpleAsync<MotifRow>(w, MotifSql, Ids(keys), m => m.Id, ApiJson.Motif, ct),
        ApiModels.User => WriteUsersAsync(w, Ids(keys), ct),
        ApiModels.Absence => WriteAbsencesAsync(w, Ids(keys), ct),
        ApiModels.PlageOuverture => WritePlagesAsync(w, Ids(keys), ct),
        ApiModels.AgentRole => WriteAgentRolesAsync(w, Ids(keys), ct),
        ApiModels.UserProfile => WriteUserProfilesAsync(w, keys, ct),
        ApiModels.ReferentAssignation => WriteReferentAssignationsAsync(w, keys, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown API model."),
    };

    private static long[] Ids(IReadOnlyList<ApiObjectKey> keys) => [.. keys.Select(k => k.Id)];

    private static string Sql(string template, string source) => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, source);

    private async Task<SqlMapper.GridReader> QueryAsync(string sql, object parameters, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        return await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: ct));
    }

    private async Task<int> WriteSimpleAsync<TRow>(Utf8JsonWriter w, string template, long[] ids, Func<TRow, long> id, Action<Utf8JsonWriter, TRow> write, CancellationToken ct)
    {
        using var grid = await QueryAsync(Sql(template, Keys), new { ids }, ct);
        var rows = (await grid.ReadAsync<TRow>()).ToDictionary(id);
        return WriteInOrder(ids, rows, row => write(w, row));
    }

    private static int WriteInOrder<TRow>(IEnumerable<long> ids, Dictionary<long, TRow> rows, Action<TRow> write)
    {
        var count = 0;
        foreach (var id in ids)
        {
            if (!rows.TryGetValue(id, out var row)) continue;
            write(row);
            count++;
        }
        return count;
    }

    private async Task<int> WriteUsersAsync(Utf8JsonWriter w, long[] ids, CancellationToken ct)
    {
        using var grid = await QueryAsync(Sql(UserSql, Keys), new { ids }, ct);
        var users = (await grid.ReadAsync<UserRow>()).ToDictionary(u => u.Id);
        return WriteInOrder(ids, users, u => ApiJson.User(w, u, Responsible(users, u)));
    }

    private static UserRow? Responsible(Dictionary<long, UserRow> users, UserRow user) =>
        user.ResponsibleId is { } id ? users.GetValueOrDefault(id) : null;

    private async Task<int> WriteRdvsAsync(Utf8JsonWriter w, long[] ids, CancellationToken ct)
    {
        const string rdvs = $"""
            select id, uuid, starts_at, ends_at, organisation_id, motif_id, lieu_id, status, cancelled_at, context, name,
                   max_participants_count, created_by_type, created_by_id
              from booking.rdvs where id in ({Keys});
            select rdv_id, agent_id from booking.agents_rdvs where rdv_id in ({Keys}) order by agent_id;
            select id, rdv_id, user_id, status, send_lifecycle_notifications, send_reminder_notification, created_by_type,
                   created_by_id, created_by_agent_prescripteur
              from booking.participations where rdv_id in ({Keys}) order by id;
            """;
        var sql = rdvs
            + Sql(AgentSql, $"select agent_id from booking.agents_rdvs where rdv_id in ({Keys})")
            + Sql(UserSql, $"select user_id from booking.participations where rdv_id in ({Keys})")
            + Sql(MotifSql, $"select motif_id from booking.rdvs where id in ({Keys})")
            + Sql(LieuSql, $"select lieu_id from booking.rdvs where id in ({Keys})")
            + Sql(OrganisationSql, $"select organisation_id from booking.rdvs where id in ({Keys})");
        using var grid = await QueryAsync(sql, new { ids }, ct);
        var rows = (await grid.ReadAsync<RdvRow>()).ToDictionary(r => r.Id);
        var links = (await grid.ReadAsync<AgentLink>()).ToLookup(l => l.RdvId, l => l.AgentId);
        var participations = (await grid.ReadAsync<ParticipationRow>()).ToLookup(p => p.RdvId);
        var agents = (await grid.ReadAsync<AgentRow>()).ToDictionary(a => a.Id);
        var users = (await grid.ReadAsync<UserRow>()).ToDictionary(u => u.Id);
        var motifs = (await grid.ReadAsync<MotifRow>()).ToDictionary(m => m.Id);
        var lieux = (await grid.ReadAsync<LieuRow>()).ToDictionary(l => l.Id);
        var organisations = (await grid.ReadAsync<OrganisationRow>()).ToDictionary(o => o.Id);
        return WriteInOrder(ids, rows, r => ApiJson.Rdv(w, new ApiJson.RdvGraph(
            r,
            organisations[r.OrganisationId],
            motifs[r.MotifId],
            r.LieuId is { } lieuId ? lieux.GetValueOrDefault(lieuId) : null,
            [.. links[r.Id].Select(id => agents[id])],
            [.. participations[r.Id].Select(p => (p, users[p.UserId], Responsible(users, users[p.UserId])))])));
    }

    private async Task<int> WriteAbsencesAsync(Utf8JsonWriter w, long[] ids, CancellationToken ct)
    {
        const string agentsOfAbsences = $"select agent_id from availability.absences where id in ({Keys})";
        var sql = $"""
            select id, agent_id, title, first_day, start_time, end_day, end_time, recurrence::text as recurrence
              from availability.absences where id in ({Keys});
            select distinct on (agent_id) agent_id, organisation_id from organisations.agent_roles
             where agent_id in ({agentsOfAbsences}) order by agent_id, id;
            """
            + Sql(AgentSql, agentsOfAbsences)
            + Sql(OrganisationSql, $"select organisation_id from organisations.agent_roles where agent_id in ({agentsOfAbsences})");
        using var grid = await QueryAsync(sql, new { ids }, ct);
        var rows = (await grid.ReadAsync<AbsenceRow>()).ToDictionary(a => a.Id);
        var firstOrganisation = (await grid.ReadAsync<AgentOrganisation>()).ToDictionary(x => x.AgentId, x => x.OrganisationId);
        var agents = (await grid.ReadAsync<AgentRow>()).ToDictionary(a => a.Id);
        var organisations = (await grid.ReadAsync<OrganisationRow>()).ToDictionary(o => o.Id);
        var now = clock.GetUtcNow();
        // The reference's quirk, kept: the agent's first organisation (by role creation), null without any.
        return WriteInOrder(ids, rows, a => ApiJson.Absence(w, a, agents[a.AgentId],
            firstOrganisation.TryGetValue(a.AgentId, out var organisationId) ? organisations[organisationId] : null, now));
    }

    private async Task<int> WritePlagesAsync(Utf8JsonWriter w, long[] ids, CancellationToken ct)
    {
        var sql = $"""
            select id, agent_id, organisation_id, lieu_id, title, first_day, start_time, end_time, recurrence::text as recurrence
              from availability.plage_ouvertures where id in ({Keys});
            select plage_ouverture_id, motif_id from availability.motifs_plage_ouvertures where plage_ouverture_id in ({Keys}) order by motif_id;
            """
            + Sql(AgentSql, $"select agent_id from availability.plage_ouvertures where id in ({Keys})")
            + Sql(LieuSql, $"select lieu_id from availability.plage_ouvertures where id in ({Keys})")
            + Sql(MotifSql, $"select motif_id from availability.motifs_plage_ouvertures where plage_ouverture_id in ({Keys})")
            + Sql(OrganisationSql, $"select organisation_id from availability.plage_ouvertures where id in ({Keys})");
        using var grid = await QueryAsync(sql, new { ids }, ct);
        var rows = (await grid.ReadAsync<PlageRow>()).ToDictionary(p => p.Id);
        var motifLinks = (await grid.ReadAsync<PlageMotif>()).ToLookup(l => l.PlageOuvertureId, l => l.MotifId);
        var agents = (await grid.ReadAsync<AgentRow>()).ToDictionary(a => a.Id);
        var lieux = (await grid.ReadAsync<LieuRow>()).ToDictionary(l => l.Id);
        var motifs = (await grid.ReadAsync<MotifRow>()).ToDictionary(m => m.Id);
        var organisations = (await grid.ReadAsync<OrganisationRow>()).ToDictionary(o => o.Id);
        var now = clock.GetUtcNow();
        return WriteInOrder(ids, rows, p => ApiJson.PlageOuverture(w, p, agents[p.AgentId],
            p.LieuId is { } lieuId ? lieux.GetValueOrDefault(lieuId) : null,
            [.. motifLinks[p.Id].Select(id => motifs[id])], organisations[p.OrganisationId], now));
    }

    private async Task<int> WriteAgentRolesAsync(Utf8JsonWriter w, long[] ids, CancellationToken ct)
    {
        var sql = $"select id, access_level, agent_id, organisation_id from organisations.agent_roles where id in ({Keys});"
            + Sql(AgentSql, $"select agent_id from organisations.agent_roles where id in ({Keys})")
            + Sql(OrganisationSql, $"select organisation_id from organisations.agent_roles where id in ({Keys})");
        using var grid = await QueryAsync(sql, new { ids }, ct);
        var rows = (await grid.ReadAsync<AgentRoleRow>()).ToDictionary(r => r.Id);
        var agents = (await grid.ReadAsync<AgentRow>()).ToDictionary(a => a.Id);
        var organisations = (await grid.ReadAsync<OrganisationRow>()).ToDictionary(o => o.Id);
        return WriteInOrder(ids, rows, r => ApiJson.AgentRole(w, r, agents[r.AgentId], organisations[r.OrganisationId]));
    }

    private async Task<int> WriteUserProfilesAsync(Utf8JsonWriter w, IReadOnlyList<ApiObjectKey> keys, CancellationToken ct)
    {
        const string pairs = "select p.user_id as first, p.organisation_id as second from usagers.user_profiles p join unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s) on p.user_id = k.f and p.organisation_id = k.s";
        var sql = $"{pairs};"
            + Sql(UserSql, $"select k.f from unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s)")
            + Sql(OrganisationSql, $"select k.s from unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s)");
        using var grid = await QueryAsync(sql, PairParameters(keys), ct);
        var existing = (await grid.ReadAsync<Pair>()).ToHashSet();
        var users = (await grid.ReadAsync<UserRow>()).ToDictionary(u => u.Id);
        var organisations = (await grid.ReadAsync<OrganisationRow>()).ToDictionary(o => o.Id);
        return WritePairs(keys, existing, k => ApiJson.UserProfile(w, organisations[k.Second], users[k.First], Responsible(users, users[k.First])));
    }

    private async Task<int> WriteReferentAssignationsAsync(Utf8JsonWriter w, IReadOnlyList<ApiObjectKey> keys, CancellationToken ct)
    {
        const string pairs = "select r.user_id as first, r.agent_id as second from usagers.referent_assignations r join unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s) on r.user_id = k.f and r.agent_id = k.s";
        var sql = $"{pairs};"
            + Sql(UserSql, $"select k.f from unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s)")
            + Sql(AgentSql, $"select k.s from unnest(@firsts::bigint[], @seconds::bigint[]) k(f, s)");
        using var grid = await QueryAsync(sql, PairParameters(keys), ct);
        var existing = (await grid.ReadAsync<Pair>()).ToHashSet();
        var users = (await grid.ReadAsync<UserRow>()).ToDictionary(u => u.Id);
        var agents = (await grid.ReadAsync<AgentRow>()).ToDictionary(a => a.Id);
        return WritePairs(keys, existing, k => ApiJson.ReferentAssignation(w, agents[k.Second], users[k.First], Responsible(users, users[k.First])));
    }

    private static object PairParameters(IReadOnlyList<ApiObjectKey> keys) => new
    {
        firsts = keys.Select(k => k.Id).ToArray(),
        seconds = keys.Select(k => k.SecondId ?? 0).ToArray(),
    };

    private static int WritePairs(IReadOnlyList<ApiObjectKey> keys, HashSet<Pair> existing, Action<Pair> write)
    {
        var count = 0;
        foreach (var key in keys)
        {
            var pair = new Pair { First = key.Id, Second = key.SecondId ?? 0 };
            if (!existing.Contains(pair)) continue;
            write(pair);
            count++;
        }
        return count;
    }

    private sealed record AgentLink
    {
        public long RdvId { get; init; }
        public long AgentId { get; init; }
    }

    private sealed record AgentOrganisation
    {
        public long AgentId { get; init; }
        public long OrganisationId { get; init; }
    }

    private sealed record PlageMotif
    {
        public long PlageOuvertureId { get; init; }
        public long MotifId { get; init; }
    }

    private sealed record Pair
    {
        public long First { get; init; }
        public long Second { get; init; }
    }

    private sealed record ProfileOrganisation
    {
        public long UserId { get; init; }
        public long Id { get; init; }
        public string? Email { get; init; }
        public string Name { get; init; } = "";
        public string? PhoneNumber { get; init; }
        public string Verticale { get; init; } = "";

        public OrganisationRow ToRow() => new() { Id = Id, Email = Email, Name = Name, PhoneNumber = PhoneNumber, Verticale = Verticale };
    }
}
