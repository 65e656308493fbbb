using Microsoft.Extensions.Time.Testing;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Seed;

namespace RdvSP.Application.IntegrationTests.Seed;

public sealed class DemoSeederTests : DatabaseTest
{
    private static readonly string[] CountedTables =
    [
        "organisations.territories", "organisations.organisations", "organisations.services", "organisations.motifs", "organisations.lieux",
        "organisations.agents", "availability.plage_ouvertures", "availability.absences", "usagers.users", "booking.rdvs",
        "booking.participations", "identity.usager_accounts", "identity.agent_accounts",
    ];

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 26, 16, 30, 0, TimeSpan.Zero)); // a Thursday, 17:30 Paris, DST week-end ahead

    [Test]
    public async Task Seeding_twice_inserts_nothing_the_second_time()
    {
        var first = await DemoSeeder.SeedAsync(IntegrationDatabase.DataSource, clock, Ct);
        var counts = await CountsAsync();
        var second = await DemoSeeder.SeedAsync(IntegrationDatabase.DataSource, clock, Ct);

        first.Seeded.Should().BeTrue();
        second.Seeded.Should().BeFalse();
        (await CountsAsync()).Should().Equal(counts);
        second.UsagerLogins.Should().BeEquivalentTo(first.UsagerLogins);
        counts.Should().Equal(1, 3, 4, 10, 6, 10, 9, 3, 16, 30, 30, 2, 9);
    }

    [Test]
    public async Task The_demo_looks_like_a_real_departement()
    {
        await DemoSeeder.SeedAsync(IntegrationDatabase.DataSource, clock, Ct);

        var locationTypes = await IntegrationDatabase.ScalarAsync<string[]>("select array_agg(distinct location_type order by location_type) from organisations.motifs");
        locationTypes.Should().Equal("home", "phone", "public_office", "visio");
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from organisations.motifs where bookable_by = 'agents'")).Should().Be(1);
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from organisations.motifs where follow_up")).Should().Be(1);
        (await IntegrationDatabase.ScalarAsync<int[]>("select array_agg(max_participants_count order by starts_at) from booking.rdvs where name is not null")).Should().Equal(5, 8);
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from usagers.users where responsible_id is not null")).Should().Be(3);
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.rdvs where starts_at > '{clock.GetUtcNow():O}'")).Should().BeGreaterThan(4);
        // Last week's two RDVs, and this week's so far: mostly filled in, a few left "à renseigner".
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.rdvs where starts_at < '{clock.GetUtcNow():O}'")).Should().Be(19);
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.rdvs where status = 'unknown' and ends_at < '{clock.GetUtcNow():O}'")).Should().BeInRange(3, 6);
        (await IntegrationDatabase.ScalarAsync<long>($"select count(*) from booking.rdvs where status in ('seen', 'noshow') and ends_at < '{clock.GetUtcNow():O}'")).Should().BeGreaterThan(10);
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from organisations.agent_territorial_roles")).Should().Be(1);
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from organisations.agent_roles where access_level = 'intervenant'")).Should().Be(1);
        (await IntegrationDatabase.ScalarAsync<long>("select count(*) from organisations.agent_roles r join organisations.agent_services x on x.agent_id = r.agent_id join organisations.services s on s.id = x.service_id where s.short_name = 'Secrétariat'")).Should().Be(1);

        var catalog = Get<IPublicCatalogReader>();
        var groups = await catalog.ListMotifGroupsAsync(new PublicCatalogFilter("26", clock.GetUtcNow()), null, Ct);
        groups.Should().HaveCount(7, "10 motifs minus agents-only and follow-up, prenatal consultations grouped across two organisations");
        groups.Single(g => g.Slug == "consultation_prenatale-public_office").MotifIds.Should().HaveCount(2);
        (await catalog.ListDepartementsAsync(Ct)).Should().ContainSingle().Which.OrganisationCount.Should().Be(3);
    }

    [Test]
    public async Task Plages_are_recurring_now_and_load_for_a_slot_search()
    {
        await DemoSeeder.SeedAsync(IntegrationDatabase.DataSource, clock, Ct);
        var motif = await IntegrationDatabase.ScalarAsync<long>("select id from organisations.motifs where name = 'Aide aux démarches administratives en ligne'");

        var inputs = await Get<IAvailabilityInputsReader>().LoadAsync(new AvailabilityInputsQuery([motif], new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 5)), Ct);

        inputs.Plages.Should().HaveCount(2);
        inputs.Plages.Should().OnlyContain(p => p.Recurrence != null && p.FirstDay < new DateOnly(2026, 3, 26));
        inputs.Absences.Should().ContainSingle(a => a.Title == "Réunion d'équipe");
        inputs.Organisations.Should().ContainSingle().Which.TimeZone.Should().Be("Europe/Paris");
    }

    [Test]
    public async Task Demo_logins_work_with_the_hashed_passwords()
    {
        var report = await DemoSeeder.SeedAsync(IntegrationDatabase.DataSource, clock, Ct);
        var hasher = Get<IPasswordHasher>();

        report.UsagerLogins.Should().HaveCount(2);
        report.AgentLogins.Should().HaveCount(9);
        foreach (var login in report.UsagerLogins)
        {
            var account = await Get<IUsagerAccountRepository>().FindByEmailAsync(login.Email, Ct);
            account!.PasswordHash.Should().NotContain(login.Password);
            hasher.Verify(account.PasswordHash!, login.Password).Should().Be(PasswordCheck.Success);
            account.EmailConfirmedAt.Should().NotBeNull();
        }
        foreach (var login in report.AgentLogins)
        {
            var account = await Get<IAgentAccountRepository>().FindByEmailAsync(login.Email, Ct);
            hasher.Verify(account!.PasswordHash!, login.Password).Should().Be(PasswordCheck.Success);
        }
    }

    private static async Task<long[]> CountsAsync()
    {
        var counts = new long[CountedTables.Length];
        for (var i = 0; i < CountedTables.Length; i++)
        {
            counts[i] = await IntegrationDatabase.ScalarAsync<long>($"select count(*) from {CountedTables[i]}");
        }
        return counts;
    }
}
