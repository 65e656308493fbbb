using Dapper;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Usagers;

namespace RdvSP.Infrastructure.Seed;

/// <summary>
/// The territory the load tests run on (make load): one motif served by 60 lieux, 2 agents each
/// (weekday plages 09:00–12:00 and 14:00–17:00), and 6 weeks of rdvs (4 a day per agent) from the
/// current week. Idempotent; kept apart from the demo territory (département 07).
/// </summary>
public static class LoadTerritorySeeder
{
    public const string TerritoryName = "Ardèche (territoire de charge)";
    public const string MotifName = "Consultation prénatale";
    public const int Lieux = 60;
    public const int AgentsPerLieu = 2;
    private const int SeedLockNamespace = 0x4C4F4144;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

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
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var territory = await organisations.AddTerritoryAsync(new NewTerritory("07", TerritoryName), ct);
        var organisation = await organisations.AddOrganisationAsync(new NewOrganisation(territory, "PMI de l'Ardèche", "04 75 66 77 00", "pmi@charge.rdv-sp.fr"), ct);
        var pmi = await organisations.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", ct);
        var motif = await organisations.AddMotifAsync(new NewMotif(organisation, pmi, MotifName, "#E1000F", 30, LocationTypes.PublicOffice, BookableBy.Everyone), ct);
        var agents = new AgentRepository(db);
        var plages = new OpeningPeriodRepository(db);
        var firstDay = thisMonday.AddDays(-28);
        var recurrence = Recurrence.Weekly(firstDay, 1, Weekdays).Value;
        var agentIds = new List<long>();
        for (var l = 0; l < Lieux; l++)
        {
            // Spread over the département (around Privas) so distances differ.
            var lieu = await organisations.AddLieuAsync(new NewLieu(organisation, $"Centre PMI n° {l + 1:00}", $"{l + 1} place de la Mairie, 07000 Privas",
                44.735 + (l % 10) * 0.05, 4.599 + (l / 10) * 0.05, null, null), ct);
            for (var a = 0; a < AgentsPerLieu; a++)
            {
                var n = l * AgentsPerLieu + a + 1;
                var agent = await agents.AddAsync(new NewAgent("Agent", $"Charge {n:000}", $"agent.charge.{n:000}@charge.rdv-sp.fr", [pmi], [new AgentRoleDto(organisation, AccessLevels.Basic)]), ct);
                agentIds.Add(agent);
                foreach (var (start, end) in new[] { (new TimeOnly(9, 0), new TimeOnly(12, 0)), (new TimeOnly(14, 0), new TimeOnly(17, 0)) })
                    await plages.AddAsync(new NewOpeningPeriod(agent, organisation, lieu, "Consultations", firstDay, start, end, recurrence.ToJson(Zone), recurrence.EndsAtLocal, [motif]), ct);
            }
        }
        var usager = await new UsagerRepository(db).AddAsync(new NewUsager("Usager", "De Charge", CreatedThrough.AgentCreation), ct);

        // 6 weeks × 5 days × 4 rdvs per agent (09:00, 10:30, 14:30, 16:00 local time), one statement per agent.
        foreach (var agent in agentIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                with rdvs as (
                    insert into booking.rdvs (starts_at, ends_at, organisation_id, motif_id, lieu_id, created_by_type, created_by_id)
                    select s, s + interval '30 minutes', @organisation, @motif,
                           (select p.lieu_id from availability.plage_ouvertures p where p.agent_id = @agent limit 1), 'User', @usager
                      from generate_series(@monday::date, @monday::date + 41, interval '1 day') d
                     cross join unnest(array[time '09:00', time '10:30', time '14:30', time '16:00']) t
                     cross join lateral (select (d::date + t)::timestamp at time zone 'Europe/Paris') as at(s)
                     where extract(isodow from d) < 6
                    returning id),
                linked as (
                    insert into booking.agents_rdvs (agent_id, rdv_id, starts_at, ends_at, exclusive)
                    select @agent, id, now(), now() + interval '1 minute', true from rdvs
                    returning rdv_id)
                insert into booking.participations (rdv_id, user_id, send_lifecycle_notifications, send_reminder_notification, token, created_by_type, created_by_id)
                select rdv_id, @usager, false, false, md5(random()::text || rdv_id::text), 'User', @usager from linked
                """,
                new { agent, monday = thisMonday.ToDateTime(TimeOnly.MinValue), organisation, motif, usager },
                db.Transaction, cancellationToken: ct));
        }
        await db.CommitAsync(ct);
        return true;
    }
}
