using Dapper;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Seed;

/// <summary>
/// The organisation the agent-space load tests run on (make load-agents, issue 8): 30 agents of one
/// service, weekday plages, 3 000 usagers and one year of RDVs around today (six months back, six
/// ahead; 13 a day per agent, ≈ 100 000), most past ones filled in. Structure through the
/// repositories, the RDVs in three set-based statements (row by row would take minutes).
/// Idempotent; apart from the other territories (département 08).
/// </summary>
public static class AgentSpaceLoadSeeder
{
    public const string TerritoryName = "Ardennes (charge espace agents)";
    public const int Agents = 30;
    public const string Password = "Charge-Agent-2026!";
    private const int SeedLockNamespace = 0x41474E54;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string AgentEmail(int index) => $"agent{index:00}@charge-agents.rdv-sp.fr";

    public static async Task<bool> SeedAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        DapperSetup.Configure();
        await using var db = new DbSession(dataSource);
        await db.BeginAsync(ct);
        var connection = await db.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@ns, 1)", new { ns = SeedLockNamespace }, db.Transaction, cancellationToken: ct));
        var organisations = new OrganisationRepository(db);
        if (await organisations.FindTerritoryByNameAsync(TerritoryName, ct) is not null)
        {
            await db.RollbackAsync(ct);
            return false;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
        var territory = await organisations.AddTerritoryAsync(new NewTerritory("08", TerritoryName), ct);
        var organisation = await organisations.AddOrganisationAsync(new NewOrganisation(territory, "Solidarités Ardennes", "03 24 00 00 00", "solidarites@charge-agents.rdv-sp.fr"), ct);
        var pmi = await organisations.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", ct);
        var motifs = new[]
        {
            await organisations.AddMotifAsync(new NewMotif(organisation, pmi, "Consultation", "#E1000F", 30, LocationTypes.PublicOffice, BookableBy.Everyone), ct),
            await organisations.AddMotifAsync(new NewMotif(organisation, pmi, "Suivi", "#6A6AF4", 30, LocationTypes.PublicOffice, BookableBy.Agents), ct),
        };
        var lieux = new List<long>();
        for (var l = 0; l < 3; l++)
            lieux.Add(await organisations.AddLieuAsync(new NewLieu(organisation, $"Centre n° {l + 1}", $"{l + 1} place Ducale, 08000 Charleville-Mézières", 49.77 + l * 0.01, 4.72, null, null), ct));

        var agents = new AgentRepository(db);
        var accounts = new AgentAccountRepository(db);
        var plages = new OpeningPeriodRepository(db);
        var hash = new AspNetPasswordHasher().Hash(Password);
        var firstDay = today.AddDays(-190);
        var recurrence = Recurrence.Weekly(firstDay, 1, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).Value;
        var agentIds = new List<long>();
        for (var a = 0; a < Agents; a++)
        {
            var id = await agents.AddAsync(new NewAgent("Agent", $"Charge {a:00}", AgentEmail(a), [pmi],
                [new AgentRoleDto(organisation, a == 0 ? AccessLevels.Admin : AccessLevels.Basic)]), ct);
            await accounts.SetPasswordAsync(id, hash, clock.GetUtcNow(), ct);
            await plages.AddAsync(new NewOpeningPeriod(id, organisation, lieux[a % lieux.Count], "Permanence", firstDay, new TimeOnly(8, 30), new TimeOnly(17, 0),
                recurrence.ToJson(), null, motifs), ct);
            agentIds.Add(id);
        }

        // 3 000 usagers of the organisation, then 13 RDVs per agent and weekday (08:30–12:00 and
        // 13:30–17:00 every 30 min, minus one) from six months ago to six months ahead.
        const string sql = """
            with created as (
                insert into usagers.users (first_name, last_name, phone_number, phone_number_formatted, birth_date, created_through)
                select 'Usager', 'Charge ' || g, '06 00 00 ' || lpad((g % 100)::text, 2, '0') || ' ' || lpad((g / 100)::text, 2, '0'),
                       '+3360000' || lpad((g % 100)::text, 2, '0') || lpad((g / 100)::text, 2, '0'), date '1960-01-01' + (g * 7) % 18000, 'agent_creation'
                  from generate_series(1, 3000) g
                returning id)
            insert into usagers.user_profiles (user_id, organisation_id) select id, @organisation from created;

            create temporary table load_rdvs on commit drop as
            select row_number() over () as n, a.agent_id, a.k,
                   (d + t) at time zone 'Europe/Paris' as starts_at
              from unnest(@agents) with ordinality as a(agent_id, k),
                   generate_series(@from::date, @to::date, interval '1 day') d,
                   unnest(array[time '08:30', time '09:00', time '09:30', time '10:00', time '10:30', time '11:00', time '11:30',
                                time '13:30', time '14:00', time '14:30', time '15:00', time '15:30', time '16:30']) t
             where extract(isodow from d) < 6;

            with users as (select array_agg(user_id order by user_id) as ids from usagers.user_profiles where organisation_id = @organisation),
            inserted as (
                insert into booking.rdvs (starts_at, ends_at, organisation_id, motif_id, lieu_id, status, cancelled_at, created_by_type, created_by_id, users_count, context)
                select r.starts_at, r.starts_at + interval '30 minutes', @organisation, (@motifs)[1 + r.n % 2], (@lieux)[1 + r.k % 3],
                       case when r.starts_at >= @now then case when r.n % 17 = 0 then 'excused' else 'unknown' end
                            when r.n % 11 = 0 then 'noshow' when r.n % 13 = 0 then 'excused' when r.n % 29 = 0 then 'unknown' else 'seen' end,
                       case when r.n % 13 = 0 or (r.starts_at >= @now and r.n % 17 = 0) then r.starts_at - interval '1 day' end,
                       'Agent', r.agent_id, 1, 'n' || r.n
                  from load_rdvs r
                returning id, created_by_id, context)
            , agents_rows as (
                insert into booking.agents_rdvs (agent_id, rdv_id, starts_at, ends_at)
                select i.created_by_id, i.id, now(), now() + interval '1 minute' from inserted i)
            insert into booking.participations (rdv_id, user_id, status, send_lifecycle_notifications, send_reminder_notification, token, created_by_type, created_by_id)
            select i.id, u.ids[1 + (substr(i.context, 2)::bigint * 7919) % array_length(u.ids, 1)], 'unknown', true, true,
                   md5(i.id::text || 'charge') , 'Agent', i.created_by_id
              from inserted i, users u;

            update booking.rdvs set context = null where organisation_id = @organisation;
            update booking.participations p set status = r.status from booking.rdvs r where r.id = p.rdv_id and r.organisation_id = @organisation;
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            organisation,
            agents = agentIds.ToArray(),
            motifs,
            lieux = lieux.ToArray(),
            from = today.AddDays(-182).ToDateTime(TimeOnly.MinValue),
            to = today.AddDays(182).ToDateTime(TimeOnly.MinValue),
            now = clock.GetUtcNow().UtcDateTime,
        }, db.Transaction, commandTimeout: 600, cancellationToken: ct));
        await db.CommitAsync(ct);
        return true;
    }
}
