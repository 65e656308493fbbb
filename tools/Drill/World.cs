using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Infrastructure.Availability;
using RdvSP.Infrastructure.Booking;
using RdvSP.Infrastructure.Identity;
using RdvSP.Infrastructure.Organisations;
using RdvSP.Infrastructure.Persistence;
using RdvSP.Infrastructure.Usagers;

namespace RdvSP.Drill;

/// <summary>
/// The drill's own data, written through the application's repositories (the same SQL and password
/// hasher as production) into the seeded database: one organisation, a 15-minute motif bookable
/// online, one agent and lieu per drill with a daily plage, and usagers with accounts.
/// </summary>
/// <summary>An agent at a lieu of their own, and the slots their plages open.</summary>
public sealed record Desk(long AgentId, long LieuId, IReadOnlyList<DateTimeOffset> Slots);

public sealed class World : IAsyncDisposable
{
    public const string Password = "Exercice-fiabilite-2027!";
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly ServiceProvider services;
    private string? passwordHash;

    private World(string connectionString)
    {
        ConnectionString = connectionString;
        var collection = new ServiceCollection();
        collection.AddSingleton(NpgsqlDataSource.Create(connectionString));
        collection.AddScoped<DbSession>();
        collection.AddOrganisationsPersistence().AddUsagersPersistence().AddAvailabilityPersistence().AddBookingPersistence().AddIdentityPersistence();
        services = collection.BuildServiceProvider();
    }

    public string ConnectionString { get; }
    public long OrganisationId { get; private set; }
    public long MotifId { get; private set; }
    public long ServiceId { get; private set; }

    /// <summary>The first day of the plages: a week ahead, well inside the motif's booking window.</summary>
    public DateOnly FirstDay { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);

    public static async Task<World> CreateAsync(string connectionString)
    {
        var world = new World(connectionString);
        await world.InScopeAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<IOrganisationRepository>();
            var territory = await orgs.AddTerritoryAsync(new NewTerritory("975", "Territoire de l'exercice"), default);
            world.OrganisationId = await orgs.AddOrganisationAsync(new NewOrganisation(territory, "MDS Exercice", "04 75 00 00 00", TimeZone: "Europe/Paris"), default);
            world.ServiceId = await orgs.EnsureServiceAsync("PMI (Protection Maternelle Infantile)", "PMI", default);
            world.MotifId = await orgs.AddMotifAsync(new NewMotif(world.OrganisationId, world.ServiceId, "Entretien exercice", "#1f77b4", 15,
                LocationTypes.PublicOffice, BookableBy.Everyone), default);
        });
        return world;
    }

    /// <summary>
    /// An agent with a lieu of their own (so no other drill's agent can take these slots), open every day
    /// for <paramref name="days"/> days from <see cref="FirstDay"/> between <paramref name="from"/> and
    /// <paramref name="to"/>, with the slots (15 minutes each) in order.
    /// </summary>
    public async Task<Desk> AddDeskAsync(string lastName, int days, TimeOnly from, TimeOnly to)
    {
        var (agentId, lieuId) = await InScopeAsync(async sp =>
        {
            var lieu = await sp.GetRequiredService<IOrganisationRepository>().AddLieuAsync(
                new NewLieu(OrganisationId, $"Guichet {lastName}", "1 place de la Liberté 97500 Saint-Pierre", 46.78, -56.17), default);
            var agent = await sp.GetRequiredService<IAgentRepository>().AddAsync(
                new NewAgent("Agent", lastName, $"{lastName.ToLowerInvariant()}@exercice.rdv-sp.fr", [ServiceId], [new AgentRoleDto(OrganisationId, AccessLevels.Basic)]), default);
            return (agent, lieu);
        });
        var slots = new List<DateTimeOffset>();
        for (var d = 0; d < days; d++)
        {
            var day = FirstDay.AddDays(d);
            await InScopeAsync(sp => sp.GetRequiredService<IOpeningPeriodRepository>().AddAsync(
                new NewOpeningPeriod(agentId, OrganisationId, lieuId, "Permanence", day, from, to, null, null, [MotifId]), default));
            for (var t = from; t < to; t = t.AddMinutes(15))
                slots.Add(ToUtc(day, t));
        }
        return new Desk(agentId, lieuId, slots);
    }

    /// <summary>Usagers with a confirmed account whose password is <see cref="Password"/>.</summary>
    public async Task<IReadOnlyList<(long Id, string Email)>> AddUsagersAsync(string prefix, int count)
    {
        var created = new List<(long, string)>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i}@exercice.example.fr";
            var id = await InScopeAsync(async sp =>
            {
                passwordHash ??= sp.GetRequiredService<IPasswordHasher>().Hash(Password);
                var userId = await sp.GetRequiredService<IUsagerRepository>().AddAsync(new NewUsager("Camille", $"{prefix} {i}", CreatedThrough.UserSignUp, email), default);
                await sp.GetRequiredService<IUsagerAccountRepository>().CreateAsync(userId, passwordHash, DateTimeOffset.UtcNow, default);
                return userId;
            });
            created.Add((id, email));
        }
        return created;
    }

    public async Task<long> ScalarAsync(string sql, string name, object value)
    {
        // Unpooled: a pooled connection may be one PostgreSQL killed during a drill.
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The database checks of every drill: no two live rdvs of one agent overlap, no slot holds two
    /// rdvs, and every booking the app acknowledged (a redirect to its rdv page) is there, live.
    /// </summary>
    public async Task CheckDatabaseAsync(DrillReport report, IReadOnlyCollection<long> agentIds, IReadOnlyCollection<long> acknowledgedRdvIds)
    {
        var agents = agentIds.ToArray();
        var overlaps = await ScalarAsync("""
            select count(*) from booking.agents_rdvs a
              join booking.agents_rdvs b on a.agent_id = b.agent_id and a.rdv_id < b.rdv_id
              join booking.rdvs ra on ra.id = a.rdv_id and ra.cancelled_at is null and ra.status not in ('excused', 'revoked')
              join booking.rdvs rb on rb.id = b.rdv_id and rb.cancelled_at is null and rb.status not in ('excused', 'revoked')
             where a.agent_id = any(@agents)
               and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
            """, "agents", agents);
        report.Check("no overlapping rdvs for one agent", overlaps == 0, $"{overlaps} overlapping pairs");
        var doubled = await ScalarAsync("""
            select count(*) from (
              select ar.agent_id, r.starts_at from booking.agents_rdvs ar join booking.rdvs r on r.id = ar.rdv_id
               where ar.agent_id = any(@agents) and r.cancelled_at is null
               group by ar.agent_id, r.starts_at having count(*) > 1) d
            """, "agents", agents);
        report.Check("one rdv per slot", doubled == 0, $"{doubled} slots with more than one rdv");
        var ids = acknowledgedRdvIds.ToArray();
        var present = await ScalarAsync("""
            select count(*) from booking.rdvs r
             where r.id = any(@ids) and r.cancelled_at is null
               and exists (select 1 from booking.participations p where p.rdv_id = r.id)
            """, "ids", ids);
        report.Check("every acknowledged booking present", present == ids.Length, $"{present} of {ids.Length} acknowledged rdvs in the database");
    }

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public string WizardUrl(Desk desk, DateTimeOffset startsAt, long participantId) =>
        $"/users/rdv_wizard_step?step=3&motif_id={MotifId}&lieu_id={desk.LieuId}&starts_at={Uri.EscapeDataString(Iso(startsAt))}&participant_ids={participantId}";

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    private static DateTimeOffset ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}
