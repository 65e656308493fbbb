using System.Globalization;
using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Availability;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.CreneauxSearch;

/// <summary>
/// "Trouver un RDV" on the agent side: slots per agent without the public booking delays, the lieux
/// step, collective RDVs with seats, links to the RDV wizard with the contract's parameters, and the
/// policy on every id of the query string.
/// </summary>
[TestFixture]
public sealed class CreneauxSearchTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private long bilanMotif;
    private long atelierMotif;
    private long openAtelier;
    private long fullAtelier;
    private DateOnly monday;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        monday = today.AddDays(4);
        while (monday.DayOfWeek != DayOfWeek.Monday) monday = monday.AddDays(1);

        await using var scope = factory.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var orgs = sp.GetRequiredService<IOrganisationRepository>();
        // Usagers may only book it 14 days ahead or more: every slot of the coming week is outside the public window.
        bilanMotif = await orgs.AddMotifAsync(new NewMotif(world.OrganisationA, world.PmiServiceId, "Bilan PMI", "#9467bd", 30, LocationTypes.PublicOffice, BookableBy.Everyone,
            MinPublicBookingDelay: 14 * 24 * 3600, MaxPublicBookingDelay: 30 * 24 * 3600), default);
        var weekdays = Recurrence.Weekly(today.AddDays(1), 1, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).Value.ToJson();
        var plages = sp.GetRequiredService<IOpeningPeriodRepository>();
        foreach (var agent in new[] { world.PmiAgentA.Id, world.AdminA.Id })
            await plages.AddAsync(new NewOpeningPeriod(agent, world.OrganisationA, world.LieuA, "Bilans", today.AddDays(1), new TimeOnly(14, 0), new TimeOnly(15, 0), weekdays, null, [bilanMotif]), default);
        // The secretary's only plage for it is two weeks later: her week is empty, with a next availability.
        await plages.AddAsync(new NewOpeningPeriod(world.SecretaryA.Id, world.OrganisationA, world.LieuA, "Bilan", monday.AddDays(14), new TimeOnly(10, 0), new TimeOnly(10, 30), null, null, [bilanMotif]), default);

        atelierMotif = await orgs.AddMotifAsync(new NewMotif(world.OrganisationA, world.PmiServiceId, "Atelier parents", "#17becf", 60, LocationTypes.PublicOffice, BookableBy.Agents, Collectif: true), default);
        var rdvs = sp.GetRequiredService<IRdvRepository>();
        var start = new DateTimeOffset(monday.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        openAtelier = (await rdvs.InsertAsync(new NewRdv(world.OrganisationA, atelierMotif, world.LieuA, start, start.AddHours(1), [world.AdminA.Id],
            [new NewParticipation(world.UsagerA)], CreatedByTypes.Agent, world.AdminA.Id, ExclusiveForAgents: false, Name: "Atelier ouvert", MaxParticipantsCount: 3), default)).Value.Id;
        fullAtelier = (await rdvs.InsertAsync(new NewRdv(world.OrganisationA, atelierMotif, world.LieuA, start.AddDays(1), start.AddDays(1).AddHours(1), [world.AdminA.Id],
            [new NewParticipation(world.UsagerA)], CreatedByTypes.Agent, world.AdminA.Id, ExclusiveForAgents: false, Name: "Atelier complet", MaxParticipantsCount: 1), default)).Value.Id;
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private string Search => $"/admin/organisations/{world.OrganisationA}/creneaux_search";

    private string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Test]
    public async Task The_week_grid_shows_each_free_agent_outside_the_public_window_and_links_to_the_wizard_with_the_contract()
    {
        (monday.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber).Should().BeLessThan(14, "the slots shown are closer than the motif's public minimum delay");
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var response = await client.GetAsync($"{Search}/selection_creneaux?motif_id={bilanMotif}&from_date={Day(monday)}&lieu_id={world.LieuA}&user_ids[]={world.UsagerA}&context=Suivi%20pesée");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.ReadTextAsync();
        foreach (var agent in new[] { world.PmiAgentA, world.AdminA })
        {
            html.Should().Contain(
                $"/admin/organisations/{world.OrganisationA}/rdv_wizard_step/new?step=3&motif_id={bilanMotif}&starts_at={Day(monday)}T14:00&agent_ids[]={agent.Id}&lieu_id={world.LieuA}&user_ids[]={world.UsagerA}&context=Suivi%20pes%C3%A9e",
                "one slot per start and agent, each opening the wizard prefilled");
            html.Should().Contain($"14:00 · {agent.FullName}");
        }
        // Two agents × two 30-minute starts × five week days.
        CountOf(html, "class=\"btn btn-outline-primary btn-sm w-100 text-start creneau\"").Should().Be(20);
    }

    [Test]
    public async Task A_basic_agent_searches_among_the_agents_he_may_see_and_a_chosen_agent_narrows_the_grid()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var html = await client.GetTextAsync($"{Search}/selection_creneaux?motif_id={bilanMotif}&from_date={Day(monday)}&lieu_id={world.LieuA}&agent_ids[]={world.PmiAgentA.Id}");

        html.Should().Contain($"agent_ids[]={world.PmiAgentA.Id}").And.NotContain($"agent_ids[]={world.AdminA.Id}&");
        html.Should().Contain("step=2&motif_id=", "without usager the wizard opens on the usager step");
    }

    [Test]
    public async Task An_on_site_motif_offered_at_one_lieu_goes_straight_to_its_week()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var response = await client.GetAsync($"{Search}?motif_id={bilanMotif}&from_date={Day(monday)}&user_ids[]={world.UsagerA}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(
            $"{Search}/selection_creneaux?motif_id={bilanMotif}&from_date={Day(monday)}&lieu_id={world.LieuA}&user_ids[]={world.UsagerA}");
    }

    [Test]
    public async Task Without_motif_the_form_offers_only_what_the_agent_may_use()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var html = await client.GetTextAsync(Search);

        html.Should().Contain("Bilan PMI").And.Contain("Consultation PMI").And.NotContain("Entretien social", "a basic agent only uses the motifs of his services");
        html.Should().Contain($"Lieu Alpha").And.NotContain("Lieu Beta");
    }

    [Test]
    public async Task A_motif_without_any_plage_says_no_slot_in_french()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var response = await client.GetAsync($"{Search}?motif_id={world.SocialMotifA}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadTextAsync()).Should().Contain("Aucun créneau disponible");
    }

    [Test]
    public async Task An_empty_week_says_no_slot_in_french_and_links_to_the_next_availability()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var later = await client.GetTextAsync($"{Search}/selection_creneaux?motif_id={bilanMotif}&from_date={Day(monday)}&lieu_id={world.LieuA}&agent_ids[]={world.SecretaryA.Id}");
        later.Should().Contain("Aucun créneau disponible cette semaine")
            .And.Contain($"{Search}/selection_creneaux?motif_id={bilanMotif}&from_date={Day(monday.AddDays(14))}&lieu_id={world.LieuA}&agent_ids[]={world.SecretaryA.Id}");

        var never = await client.GetTextAsync($"{Search}/selection_creneaux?motif_id={world.PmiMotifA}&from_date={Day(monday)}&lieu_id={world.LieuA}&agent_ids[]={world.AdminA.Id}");
        never.Should().Contain("Aucun créneau disponible cette semaine").And.Contain("Aucune disponibilité dans les 3 prochains mois");
    }

    [Test]
    public async Task A_collective_motif_lists_the_collective_rdvs_with_seats_left()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var html = await client.GetTextAsync($"{Search}?motif_id={atelierMotif}&from_date={Day(monday)}");

        html.Should().Contain("Atelier ouvert").And.Contain("2 place(s) restante(s) sur 3")
            .And.Contain($"/admin/organisations/{world.OrganisationA}/rdvs/{openAtelier}");
        html.Should().NotContain("Atelier complet").And.NotContain($"/rdvs/{fullAtelier}\"");
    }

    [TestCase("motif_id={MotifB}")]
    [TestCase("motif_id={bilan}&lieu_ids[]={LieuB}")]
    [TestCase("motif_id={bilan}&lieu_id={LieuB}")]
    [TestCase("motif_id={bilan}&agent_ids[]={AdminB}")]
    [TestCase("motif_id={bilan}&user_ids[]={UsagerB}")]
    [TestCase("motif_id={bilan}&agent_ids[]=999999999")]
    public async Task Ids_of_another_organisation_are_refused_with_a_french_403(string query)
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var url = query.Replace("{MotifB}", world.MotifB.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{bilan}", bilanMotif.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{LieuB}", world.LieuB.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{AdminB}", world.AdminB.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{UsagerB}", world.UsagerB.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        foreach (var page in new[] { Search, $"{Search}/selection_creneaux" })
        {
            var response = await client.GetAsync($"{page}?{url}");
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
            (await response.ReadTextAsync()).Should().Contain("Accès refusé");
        }
    }

    [Test]
    public async Task A_basic_agent_cannot_search_another_service_motif_nor_an_agent_he_does_not_see()
    {
        using var social = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        (await social.GetAsync($"{Search}?motif_id={bilanMotif}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var pmi = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (await pmi.GetAsync($"{Search}?motif_id={bilanMotif}&agent_ids[]={world.SocialAgentA.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("from_date=2026-13-45")]
    [TestCase("from_date=demain")]
    [TestCase("from_date=1990-01-01")]
    [TestCase("from_date=2999-01-01")]
    [TestCase("motif_id=abc")]
    public async Task Bad_dates_and_malformed_ids_get_a_french_400(string query)
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        foreach (var page in new[] { Search, $"{Search}/selection_creneaux" })
        {
            var response = await client.GetAsync($"{page}?{query}&motif_id={bilanMotif}");
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            var text = await response.ReadTextAsync();
            text.Should().MatchRegex("(n'est pas valide|doit être comprise)", "the refusal is explained in French");
        }
    }

    [Test]
    public async Task The_date_range_message_names_the_allowed_dates()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var response = await client.GetAsync($"{Search}?motif_id={bilanMotif}&from_date=2001-01-01");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("La date de début doit être comprise entre le");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
