using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentAgenda;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.IntegrationTests.BackOffice.Agenda;

/// <summary>
/// The agenda feeds on the real PostgreSQL: which RDVs of an agent each viewer gets (REFERENCE-SURFACES
/// §2.6), the cancelled toggle, other organisations without personal data, and the plage, absence and
/// holiday occurrences expanded by the Domain engine in the organisation's zone.
/// </summary>
public sealed class AgentAgendaFeedTests : DatabaseTest
{
    // Week of Monday 9 March 2026 (Paris, UTC+1).
    private static readonly AgendaRange Week = Range("2026-03-09", "2026-03-16");

    private IAgentAgendaRepository Repository => Get<IAgentAgendaRepository>();

    private long organisationA;
    private long organisationB;
    private long pmi;
    private long social;
    private long agent;
    private long pmiConfrere;
    private long socialAgent;
    private long admin;
    private long secretary;
    private long pmiRdv;
    private long socialRdv;
    private long cancelledRdv;
    private long otherOrganisationRdv;

    [SetUp]
    public async Task CreateTerritoryAsync()
    {
        var territory = await Data.TerritoryAsync();
        organisationA = await Data.OrganisationAsync(territory, "MDS Alpha");
        organisationB = await Data.OrganisationAsync(territory, "MDS Beta");
        pmi = await Data.ServiceAsync("PMI");
        social = await Data.ServiceAsync("Social");
        var secretariat = await Data.ServiceAsync("Secrétariat");
        var pmiMotif = await Data.MotifAsync(organisationA, pmi, "Consultation PMI");
        var socialMotif = await Data.MotifAsync(organisationA, social, "Entretien social");
        var motifB = await Data.MotifAsync(organisationB, pmi, "Consultation B");
        var lieu = await Data.LieuAsync(organisationA, "Lieu Alpha");
        var lieuB = await Data.LieuAsync(organisationB, "Lieu Beta");
        var agents = Get<IAgentRepository>();
        // The agent whose agenda is shown works in A and in B.
        agent = await agents.AddAsync(new NewAgent("Denise", "Double", null, [pmi],
            [new AgentRoleDto(organisationA, AccessLevels.Basic), new AgentRoleDto(organisationB, AccessLevels.Basic)]), Ct);
        pmiConfrere = await Data.AgentAsync(organisationA, pmi, "Confrere");
        socialAgent = await Data.AgentAsync(organisationA, social, "Social");
        admin = await agents.AddAsync(new NewAgent("Alice", "Admin", null, [social], [new AgentRoleDto(organisationA, AccessLevels.Admin)]), Ct);
        secretary = await Data.AgentAsync(organisationA, secretariat, "Secretaire");
        var usager = await Data.UsagerAsync("Léa", "Durand");
        var usagerB = await Data.UsagerAsync("Bernard", "Secret");

        pmiRdv = await RdvAsync(organisationA, pmiMotif, lieu, usager, Paris(2026, 3, 10, 10, 0));
        // An RDV of the Social service where the PMI agent is the agent: his, not his PMI confrères'.
        socialRdv = await RdvAsync(organisationA, socialMotif, lieu, usager, Paris(2026, 3, 11, 14, 0));
        cancelledRdv = await RdvAsync(organisationA, pmiMotif, lieu, usager, Paris(2026, 3, 12, 9, 0));
        (await Get<IRdvRepository>().CancelAsync(cancelledRdv, "revoked", Now, Ct)).IsSuccess.Should().BeTrue();
        otherOrganisationRdv = await RdvAsync(organisationB, motifB, lieuB, usagerB, Paris(2026, 3, 13, 11, 0));
        // Outside the week: never returned.
        await RdvAsync(organisationA, pmiMotif, lieu, usager, Paris(2026, 3, 16, 9, 0));
    }

    [Test]
    public async Task The_agent_himself_gets_all_his_rdvs_of_the_organisation_and_those_of_his_other_organisation()
    {
        var rows = await RdvsSeenByAsync(agent);

        rows.Select(r => r.Id).Should().Equal(pmiRdv, socialRdv, cancelledRdv, otherOrganisationRdv);
        rows.Single(r => r.Id == pmiRdv).Should().BeEquivalentTo(new
        {
            OrganisationId = organisationA,
            OrganisationName = "MDS Alpha",
            Status = "unknown",
            MotifName = "Consultation PMI",
            LieuName = "Lieu Alpha",
            Usagers = "Léa DURAND",
            StartsAt = Paris(2026, 3, 10, 10, 0),
        });
    }

    [Test]
    public async Task A_pmi_confrere_does_not_get_the_social_rdv_of_the_agent()
    {
        (await RdvsSeenByAsync(pmiConfrere)).Select(r => r.Id).Should().Equal(pmiRdv, cancelledRdv, otherOrganisationRdv);
    }

    [Test]
    public async Task Admins_and_secretaries_get_every_rdv_of_the_organisation()
    {
        (await RdvsSeenByAsync(admin)).Select(r => r.Id).Should().Equal(pmiRdv, socialRdv, cancelledRdv, otherOrganisationRdv);
        (await RdvsSeenByAsync(secretary)).Select(r => r.Id).Should().Equal(pmiRdv, socialRdv, cancelledRdv, otherOrganisationRdv);
    }

    [Test]
    public async Task An_agent_of_another_service_gets_nothing_of_the_organisation_from_the_query_scope()
    {
        // The policy refuses him the agenda (functional tests); the SQL scope alone would still hide the RDVs.
        (await RdvsSeenByAsync(socialAgent)).Select(r => r.Id).Should().Equal(socialRdv, otherOrganisationRdv);
    }

    [Test]
    public async Task Cancelled_rdvs_are_left_out_when_the_viewer_hides_them()
    {
        await Repository.SetDisplayAsync(pmiConfrere, AgendaDisplay.CancelledRdvs, false, Ct);

        (await RdvsSeenByAsync(pmiConfrere)).Select(r => r.Id).Should().Equal(pmiRdv, otherOrganisationRdv);
        (await RdvsSeenByAsync(agent)).Select(r => r.Id).Should().Contain(cancelledRdv, "the toggle is the viewer's own");
        (await Repository.PageAsync(organisationA, agent, pmiConfrere, Ct))!.DisplayCancelledRdvs.Should().BeFalse();
    }

    [Test]
    public async Task Rdvs_of_another_organisation_carry_no_participant()
    {
        var other = (await RdvsSeenByAsync(admin)).Single(r => r.Id == otherOrganisationRdv);

        other.OrganisationId.Should().Be(organisationB);
        other.Usagers.Should().BeNull("the names of another organisation's usagers never leave the database");
    }

    [Test]
    public async Task The_saturday_toggle_is_stored_on_the_agent()
    {
        (await Repository.PageAsync(organisationA, agent, agent, Ct))!.DisplaySaturdays.Should().BeFalse();

        await Repository.SetDisplayAsync(agent, AgendaDisplay.Saturdays, true, Ct);

        var page = await Repository.PageAsync(organisationA, agent, agent, Ct);
        page.Should().BeEquivalentTo(new AgentAgendaPage(organisationA, agent, "Denise Double", "Europe/Paris", true, true));
    }

    [Test]
    public async Task Plage_occurrences_keep_their_wall_clock_time_across_the_spring_dst_change()
    {
        // Summer time starts on Sunday 29 March 2026 in Paris.
        await Data.WeeklyPlageAsync(agent, organisationA, null, [], new DateOnly(2026, 3, 23));

        var events = await BackgroundAsync("2026-03-23", "2026-04-04");

        var plages = events.Where(e => e.Kind == AgendaBackgroundKind.Plage).ToList();
        plages.Select(e => DateOnly.FromDateTime(e.Start)).Should().Equal(
            new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 24), new DateOnly(2026, 3, 25), new DateOnly(2026, 3, 26), new DateOnly(2026, 3, 27),
            new DateOnly(2026, 3, 30), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 3));
        plages.Should().AllSatisfy(e =>
        {
            e.Start.TimeOfDay.Should().Be(TimeSpan.FromHours(9));
            e.End.TimeOfDay.Should().Be(TimeSpan.FromHours(12));
            e.Color.Should().Be(AgendaColors.Plage);
            e.InCurrentOrganisation.Should().BeTrue();
        });
    }

    [Test]
    public async Task Plages_of_another_organisation_are_grey_and_expired_plages_still_show_in_past_weeks()
    {
        var plageB = await Data.WeeklyPlageAsync(agent, organisationB, null, [], new DateOnly(2026, 3, 2));
        await Get<IOpeningPeriodRepository>().AddAsync(new NewOpeningPeriod(agent, organisationA, null, "Ancienne permanence", new DateOnly(2026, 3, 3),
            new TimeOnly(14, 0), new TimeOnly(16, 0), null, null, []), Ct);
        (await IntegrationDatabase.ScalarAsync<int>("with flagged as (update availability.plage_ouvertures set expired_cached = true where title = 'Ancienne permanence' returning 1) select count(*)::int from flagged")).Should().Be(1);

        var events = await BackgroundAsync("2026-03-02", "2026-03-09");

        events.Where(e => e.Id == plageB).Should().HaveCount(5).And.AllSatisfy(e =>
        {
            e.Color.Should().Be(AgendaColors.PlageOtherOrganisation);
            e.InCurrentOrganisation.Should().BeFalse();
            e.Title.Should().Contain("MDS Beta");
        });
        events.Should().ContainSingle(e => e.Title == "Ancienne permanence")
            .Which.Start.Should().Be(new DateTime(2026, 3, 3, 14, 0, 0));
    }

    [Test]
    public async Task An_absence_shows_as_its_occurrence_and_removes_no_rdv()
    {
        await Get<IAbsenceRepository>().AddAsync(new NewAbsence(agent, "Formation", new DateOnly(2026, 3, 10), new TimeOnly(9, 0), new DateOnly(2026, 3, 10), new TimeOnly(17, 0)), Ct);

        var events = await BackgroundAsync("2026-03-09", "2026-03-16");

        events.Should().ContainSingle(e => e.Kind == AgendaBackgroundKind.Absence).Which.Should().BeEquivalentTo(new
        {
            Title = "Formation",
            Start = new DateTime(2026, 3, 10, 9, 0, 0),
            End = new DateTime(2026, 3, 10, 17, 0, 0),
            Color = AgendaColors.Absence,
        });
        (await RdvsSeenByAsync(agent)).Select(r => r.Id).Should().Contain(pmiRdv, "the RDV at 10:00 during the absence stays in the agenda");
    }

    [Test]
    public async Task Public_holidays_of_the_territory_are_whole_days()
    {
        var events = await BackgroundAsync("2026-04-06", "2026-04-13");

        // Easter Monday 2026.
        events.Should().ContainSingle(e => e.Kind == AgendaBackgroundKind.Holiday).Which.Should().BeEquivalentTo(new
        {
            Title = "Jour férié",
            Start = new DateTime(2026, 4, 6),
            End = new DateTime(2026, 4, 7),
            AllDay = true,
        });
    }

    [TestCase("2026-03-16", "2026-03-09", "postérieure")]
    [TestCase("2026-03-09", "2036-03-09", "6 semaines")]
    [TestCase("2026-03-09", "2026-04-21", "6 semaines")]
    [TestCase("09/03/2026", "2026-03-16", "AAAA-MM-JJ")]
    [TestCase("2026-03-09Tmidi", "2026-03-16", "AAAA-MM-JJ")]
    [TestCase(null, "2026-03-16", "obligatoire")]
    public void Bad_bounds_are_refused_with_a_french_message(string? start, string end, string expected)
    {
        AgendaRange.TryCreate(start, end, out _, out var error).Should().BeFalse();
        error.Should().Contain(expected);
    }

    [TestCase("2026-03-09", "2026-04-20")]
    [TestCase("2026-03-09T00:00:00", "2026-03-16T00:00:00")]
    [TestCase("2026-03-09T00:00:00+01:00", "2026-03-16T00:00:00Z")]
    public void FullCalendar_bounds_up_to_six_weeks_are_accepted(string start, string end)
    {
        AgendaRange.TryCreate(start, end, out var range, out _).Should().BeTrue();
        range.From.Should().Be(new DateOnly(2026, 3, 9));
    }

    private async Task<IReadOnlyList<AgendaRdvRow>> RdvsSeenByAsync(long viewerId)
    {
        var access = (await Get<IAgentAccessReader>().GetAsync(viewerId, organisationA, Ct))!;
        var scope = new AgendaRdvScope(organisationA, viewerId, access.SeesWholeOrganisation, access.ServiceIds);
        var rows = await Repository.RdvsAsync(agent, Week, scope, Ct);
        rows.TimeZone.Should().Be("Europe/Paris");
        return rows.Rdvs;
    }

    private async Task<IReadOnlyList<AgendaBackgroundEvent>> BackgroundAsync(string start, string end) =>
        await new GetAgendaBackgroundHandler(Repository).Handle(new GetAgendaBackgroundQuery(organisationA, agent, start, end), Ct);

    private async Task<long> RdvAsync(long organisationId, long motifId, long lieuId, long usagerId, DateTimeOffset start) =>
        (await Get<IRdvRepository>().InsertAsync(new NewRdv(organisationId, motifId, lieuId, start, start.AddMinutes(30), [agent],
            [new NewParticipation(usagerId, CreatedByType: CreatedByTypes.Agent, CreatedById: agent)], CreatedByTypes.Agent, agent, ExclusiveForAgents: false), Ct)).Value.Id;

    private static DateTimeOffset Paris(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    private static AgendaRange Range(string start, string end)
    {
        AgendaRange.TryCreate(start, end, out var range, out _).Should().BeTrue();
        return range;
    }
}
