using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.IntegrationTests.BackOffice.Plages;

/// <summary>
/// The plage and absence screens' reads and writes on the real PostgreSQL: the motifs an agent may put
/// in his plages (REFERENCE-DOMAIN §2.5, secretariat included), the ids checks of the policies, the
/// current/expired lists and the search, edits and deletions, and the inputs version every write bumps
/// (the slot search and the agenda see the change at once).
/// </summary>
public sealed class AvailabilityBackOfficeTests : DatabaseTest
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private IAvailabilityBackOfficeReader Reader => Get<IAvailabilityBackOfficeReader>();

    private long organisation;
    private long otherOrganisation;
    private long pmi;
    private long social;
    private long pmiMotif;
    private long socialMotif;
    private long secretariatMotif;
    private long phoneMotif;
    private long collectiveMotif;
    private long deletedMotif;
    private long otherMotif;
    private long lieu;
    private long otherLieu;
    private long agent;
    private long secretary;
    private long admin;

    [SetUp]
    public async Task CreateOrganisationAsync()
    {
        var territory = await Data.TerritoryAsync();
        organisation = await Data.OrganisationAsync(territory, "MDS Alpha");
        otherOrganisation = await Data.OrganisationAsync(territory, "MDS Beta");
        pmi = await Data.ServiceAsync("PMI");
        social = await Data.ServiceAsync("Social");
        var secretariat = await Data.ServiceAsync("Secrétariat");
        pmiMotif = await Data.MotifAsync(organisation, pmi, "Consultation PMI");
        phoneMotif = await Data.MotifAsync(organisation, pmi, "Appel PMI", LocationTypes.Phone);
        collectiveMotif = await Data.MotifAsync(organisation, pmi, "Atelier", collectif: true);
        deletedMotif = await Data.MotifAsync(organisation, pmi, "Ancien motif");
        socialMotif = await Data.MotifAsync(organisation, social, "Entretien social");
        secretariatMotif = await Data.MotifAsync(organisation, social, "Accueil social");
        otherMotif = await Data.MotifAsync(otherOrganisation, pmi, "Consultation Beta");
        lieu = await Data.LieuAsync(organisation, "Lieu Alpha");
        otherLieu = await Data.LieuAsync(otherOrganisation, "Lieu Beta");
        agent = await Data.AgentAsync(organisation, pmi, "Pmi");
        secretary = await Data.AgentAsync(organisation, secretariat, "Secretaire");
        admin = await Get<IAgentRepository>().AddAsync(new NewAgent("Alice", "Admin", null, [pmi], [new AgentRoleDto(organisation, AccessLevels.Admin)]), Ct);
        await ScalarAsync($"update organisations.motifs set for_secretariat = true where id = {secretariatMotif} returning 1");
        await ScalarAsync($"update organisations.motifs set deleted_at = now() where id = {deletedMotif} returning 1");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        var connection = await Scope.Db.ConnectionAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<long> InputsVersionAsync() => ScalarAsync("select coalesce((select version from availability.inputs_version), 0)");

    private async Task<IReadOnlyList<string>> UsableAsync(long agentId) =>
        (await Reader.UsableMotifsAsync(organisation, agentId, Ct)).Select(m => m.Name).ToList();

    [Test]
    public async Task A_basic_agent_uses_the_live_individual_motifs_of_his_services()
    {
        (await UsableAsync(agent)).Should().Equal("Appel PMI", "Consultation PMI");
    }

    [Test]
    public async Task A_secretary_also_gets_the_secretariat_motifs_and_an_admin_every_motif()
    {
        (await UsableAsync(secretary)).Should().Equal("Accueil social");
        (await UsableAsync(admin)).Should().Equal("Appel PMI", "Consultation PMI", "Accueil social", "Entretien social");
        (await Reader.UsableMotifsAsync(otherOrganisation, agent, Ct)).Should().BeEmpty("he has no role in the other organisation");
    }

    [Test]
    public async Task The_policies_check_that_motifs_and_lieu_belong_to_the_organisation()
    {
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [pmiMotif, socialMotif], lieu, Ct)).Should().BeTrue();
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [pmiMotif], null, Ct)).Should().BeTrue();
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [pmiMotif, otherMotif], lieu, Ct)).Should().BeFalse();
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [deletedMotif], lieu, Ct)).Should().BeFalse();
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [pmiMotif], otherLieu, Ct)).Should().BeFalse();
        (await Reader.MotifsAndLieuOfOrganisationAsync(organisation, [999_999_999], null, Ct)).Should().BeFalse();
    }

    private NewOpeningPeriod Plage(string title, DateOnly firstDay, string? recurrence = null, DateTime? endsAt = null, long? lieuId = null, params long[] motifs) =>
        new(agent, organisation, lieuId ?? lieu, title, firstDay, new TimeOnly(14, 0), new TimeOnly(16, 0), recurrence, endsAt, motifs.Length == 0 ? [pmiMotif] : motifs);

    [Test]
    public async Task Plages_are_listed_current_or_expired_and_searched_by_title_literally()
    {
        var plages = Get<IOpeningPeriodRepository>();
        var future = await plages.AddAsync(Plage("Permanence 100% PMI", Today.AddDays(3)), Ct);
        var past = await plages.AddAsync(Plage("Permanence passée", Today.AddDays(-3)), Ct);
        var openEnded = await plages.AddAsync(Plage("Hebdo", Today.AddDays(-30), """{"every":"week","interval":1,"starts":"2026-02-08"}"""), Ct);
        var ended = await plages.AddAsync(Plage("Hebdo finie", Today.AddDays(-30), """{"every":"week","interval":1,"starts":"2026-02-08","until":"2026-03-01"}""", new DateTime(2026, 3, 1, 23, 59, 59)), Ct);
        await plages.AddAsync(new NewOpeningPeriod(agent, otherOrganisation, otherLieu, "Autre organisation", Today, new TimeOnly(9, 0), new TimeOnly(10, 0), null, null, [otherMotif]), Ct);

        (await Reader.PlagesAsync(organisation, agent, false, null, Today, Ct)).Select(p => p.Id).Should().Equal(openEnded, future);
        (await Reader.PlagesAsync(organisation, agent, true, null, Today, Ct)).Select(p => p.Id).Should().Equal(past, ended);
        (await Reader.PlagesAsync(organisation, agent, false, "100%", Today, Ct)).Select(p => p.Id).Should().Equal(future);
        (await Reader.PlagesAsync(organisation, agent, false, "0%_", Today, Ct)).Should().BeEmpty("LIKE wildcards are matched literally");
        (await Reader.CurrentPlagesOfAgentAsync(agent, Today, Ct)).Select(p => p.Title).Should().BeEquivalentTo("Permanence 100% PMI", "Hebdo", "Autre organisation");
        (await Reader.PlageOwnerAsync(future, Ct)).Should().Be(new PlageOwner(agent, organisation));
        (await Reader.PlageOwnerAsync(999_999_999, Ct)).Should().BeNull();
    }

    [Test]
    public async Task Editing_a_plage_replaces_its_fields_and_motifs_and_bumps_the_inputs_version()
    {
        var plages = Get<IOpeningPeriodRepository>();
        var id = await plages.AddAsync(Plage("Avant", Today.AddDays(7), motifs: [pmiMotif, phoneMotif]), Ct);
        var before = await InputsVersionAsync();

        await plages.UpdateAsync(id, Plage("Après", Today.AddDays(8), """{"every":"week","interval":2,"starts":"2026-03-18"}""", null, lieu, phoneMotif) with { ExpiredCached = false }, Ct);

        var row = await plages.GetAsync(id, Ct);
        row!.Title.Should().Be("Après");
        row.FirstDay.Should().Be(Today.AddDays(8));
        row.MotifIds.Should().Equal(phoneMotif);
        row.Recurrence.Should().Contain("\"interval\": 2");
        (await InputsVersionAsync()).Should().BeGreaterThan(before);

        var beforeDelete = await InputsVersionAsync();
        await plages.DeleteAsync(id, Ct);
        (await plages.GetAsync(id, Ct)).Should().BeNull();
        (await InputsVersionAsync()).Should().BeGreaterThan(beforeDelete);
    }

    [Test]
    public async Task Absences_are_listed_current_or_expired_edited_and_deleted_with_a_version_bump()
    {
        var absences = Get<IAbsenceRepository>();
        var running = await absences.AddAsync(new NewAbsence(agent, "Congés", Today.AddDays(-2), new TimeOnly(0, 0), Today.AddDays(2), new TimeOnly(23, 55)), Ct);
        var past = await absences.AddAsync(new NewAbsence(agent, "Formation", Today.AddDays(-9), new TimeOnly(9, 0), Today.AddDays(-9), new TimeOnly(12, 0), ExpiredCached: true), Ct);
        var weekly = await absences.AddAsync(new NewAbsence(agent, "Réunion", Today.AddDays(-7), new TimeOnly(9, 0), Today.AddDays(-7), new TimeOnly(10, 0),
            """{"every":"week","interval":1,"starts":"2026-03-03"}"""), Ct);
        await absences.AddAsync(new NewAbsence(secretary, "Autre agent", Today, new TimeOnly(9, 0), Today, new TimeOnly(10, 0)), Ct);

        (await Reader.AbsencesAsync(agent, false, Today, Ct)).Select(a => a.Id).Should().Equal(weekly, running);
        (await Reader.AbsencesAsync(agent, true, Today, Ct)).Select(a => a.Id).Should().Equal(past);
        (await Reader.AbsenceAgentAsync(running, Ct)).Should().Be(agent);

        var before = await InputsVersionAsync();
        await absences.UpdateAsync(running, new NewAbsence(agent, "Congés d'été", Today.AddDays(1), new TimeOnly(8, 0), Today.AddDays(3), new TimeOnly(18, 0)), Ct);
        var row = await absences.GetAsync(running, Ct);
        row!.Should().BeEquivalentTo(new { Title = "Congés d'été", FirstDay = Today.AddDays(1), EndDay = Today.AddDays(3), EndTime = new TimeOnly(18, 0), Recurrence = (string?)null });
        (await InputsVersionAsync()).Should().BeGreaterThan(before);

        await absences.DeleteAsync(running, Ct);
        (await absences.GetAsync(running, Ct)).Should().BeNull();
    }

    [Test]
    public async Task The_database_refuses_a_recurring_absence_over_several_days_even_if_a_caller_skipped_the_rules()
    {
        var absences = Get<IAbsenceRepository>();

        var act = () => absences.AddAsync(new NewAbsence(agent, "Incohérente", Today, new TimeOnly(9, 0), Today.AddDays(1), new TimeOnly(10, 0),
            """{"every":"week","interval":1,"starts":"2026-03-10"}"""), Ct);

        await act.Should().ThrowAsync<Npgsql.PostgresException>();
        (await Reader.AbsencesAsync(agent, false, Today, Ct)).Should().BeEmpty();
    }
}
