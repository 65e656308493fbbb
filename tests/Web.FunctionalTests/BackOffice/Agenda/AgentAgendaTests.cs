using System.Globalization;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Agenda;

/// <summary>
/// The agent agenda over HTTP (REFERENCE-SURFACES §2.3.1): who may open it and its feeds, the bounds
/// of the feeds, what another organisation's RDV shows, and the display toggles stored on the agent.
/// </summary>
[TestFixture]
public sealed class AgentAgendaTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private long doubleAgentRdvB;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        // The agent of A and B has an RDV in B, with a usager of B.
        await using var scope = factory.Services.CreateAsyncScope();
        var starts = world.PmiRdvAStartsAt.AddHours(2);
        doubleAgentRdvB = (await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(new NewRdv(world.OrganisationB, world.MotifB, world.LieuB,
            starts, starts.AddMinutes(30), [world.TwoOrganisationsAgent.Id], [new NewParticipation(world.UsagerB)], CreatedByTypes.Agent,
            world.TwoOrganisationsAgent.Id, ExclusiveForAgents: false), default)).Value.Id;
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private string Agenda(long agentId, long? organisationId = null) => $"/admin/organisations/{organisationId ?? world.OrganisationA}/agent_agendas/{agentId}";

    private string Feed(string handler, long agentId, string start, string end, long? organisationId = null) =>
        $"{Agenda(agentId, organisationId)}?handler={handler}&start={Uri.EscapeDataString(start)}&end={Uri.EscapeDataString(end)}";

    private string WeekStart => DateOnly.FromDateTime(world.PmiRdvAStartsAt.UtcDateTime).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string WeekEnd => DateOnly.FromDateTime(world.PmiRdvAStartsAt.UtcDateTime).AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Test]
    public async Task An_agent_opens_his_agenda_with_the_vendored_calendar_and_its_feeds()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var response = await client.GetAsync(Agenda(world.PmiAgentA.Id));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.ReadTextAsync();
        html.Should().Contain($"Agenda de {world.PmiAgentA.FullName}")
            .And.Contain("/lib/fullcalendar/core.min.js").And.Contain("/lib/fullcalendar/locale-fr.min.js").And.Contain("/js/admin/agenda.js")
            .And.Contain($"data-rdvs-feed=\"{Agenda(world.PmiAgentA.Id)}?handler=Rdvs\"")
            .And.Contain($"data-wizard-url=\"/admin/organisations/{world.OrganisationA}/rdv_wizard_step/new\"")
            .And.Contain("data-time-zone=\"Europe/Paris\"")
            .And.Contain("Afficher les samedis").And.Contain("Ne pas afficher les RDV annulés");
        html.Should().NotContain("<script>", "the CSP forbids inline scripts");
        // FullCalendar builds its own <style>: the page's CSP allows it through the nonce of the page's meta.
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csp-nonce\" content=\"([^\"]+)\"").Groups[1].Value;
        nonce.Should().NotBeEmpty();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain($"style-src 'self' 'nonce-{nonce}'").And.Contain("script-src 'self';");
        (await client.GetAsync("/lib/fullcalendar/timegrid.min.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_malformed_date_to_open_is_a_400()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        (await client.GetAsync($"{Agenda(world.PmiAgentA.Id)}?date=demain")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"{Agenda(world.PmiAgentA.Id)}?date=2026-12-07")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_rdv_feed_gives_the_agent_his_rdv_with_its_link_colour_and_details()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var rdvs = await JsonAsync(client, Feed("Rdvs", world.PmiAgentA.Id, WeekStart, WeekEnd));

        var rdv = rdvs.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == world.PmiRdvA);
        rdv.GetProperty("url").GetString().Should().Be($"/admin/organisations/{world.OrganisationA}/rdvs/{world.PmiRdvA}");
        rdv.GetProperty("backgroundColor").GetString().Should().Be("#1f77b4");
        rdv.GetProperty("title").GetString().Should().Contain(world.UsagerALastName.ToUpperInvariant());
        var paris = TimeZoneInfo.ConvertTime(world.PmiRdvAStartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        rdv.GetProperty("start").GetString().Should().Be(paris.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var props = rdv.GetProperty("extendedProps");
        props.GetProperty("motif").GetString().Should().Be("Consultation PMI");
        props.GetProperty("readableStatus").GetString().Should().Be("À renseigner");
        props.GetProperty("duration").GetInt32().Should().Be(30);
        props.GetProperty("past").GetBoolean().Should().BeFalse();
        props.GetProperty("organisationName").GetString().Should().StartWith("MDS Alpha");
    }

    [Test]
    public async Task An_rdv_of_another_organisation_is_grey_without_link_nor_personal_data()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        var rdvs = await JsonAsync(client, Feed("Rdvs", world.TwoOrganisationsAgent.Id, WeekStart, WeekEnd));

        var other = rdvs.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == doubleAgentRdvB);
        other.GetProperty("url").ValueKind.Should().Be(JsonValueKind.Null);
        other.GetProperty("backgroundColor").GetString().Should().Be("#9e9e9e");
        other.GetProperty("extendedProps").GetProperty("motif").ValueKind.Should().Be(JsonValueKind.Null);
        other.GetProperty("extendedProps").GetProperty("lieu").ValueKind.Should().Be(JsonValueKind.Null);
        other.GetRawText().Should().NotContain("Bernard").And.NotContain($"Beta{world.UsagerB}");
        other.GetProperty("title").GetString().Should().Contain("MDS Beta");
    }

    [Test]
    public async Task The_background_feed_has_the_plage_occurrences_and_the_holidays()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        // The week of 25 December 2028 (a Monday): the plage recurs Monday to Friday, Christmas is a holiday.
        var events = await JsonAsync(client, Feed("Background", world.PmiAgentA.Id, "2028-12-25", "2029-01-01"));

        var all = events.EnumerateArray().ToList();
        all.Should().ContainSingle(e => e.GetProperty("title").GetString() == "Jour férié")
            .Which.GetProperty("start").GetString().Should().Be("2028-12-25");
        var plages = all.Where(e => e.GetProperty("extendedProps").GetProperty("kind").GetString() == "plage").ToList();
        plages.Should().HaveCount(5);
        plages.Should().AllSatisfy(p =>
        {
            p.GetProperty("display").GetString().Should().Be("background");
            p.GetProperty("start").GetString().Should().EndWith("T09:00:00");
        });
    }

    [TestCase("Rdvs")]
    [TestCase("Background")]
    public async Task Bad_bounds_are_a_400_with_a_french_message(string handler)
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (string Start, string End, string Message)[] cases =
        [
            ("2026-12-14", "2026-12-07", "postérieure"),
            ("2026-01-01", "2036-01-01", "6 semaines"),
            ("lundi", "2026-12-07", "AAAA-MM-JJ"),
            ("2026-12-07", "2026-13-45", "AAAA-MM-JJ"),
        ];
        foreach (var (start, end, message) in cases)
        {
            var response = await client.GetAsync(Feed(handler, world.PmiAgentA.Id, start, end));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{start} → {end}");
            (await ErrorAsync(response)).Should().Contain(message);
        }
        var missing = await client.GetAsync($"{Agenda(world.PmiAgentA.Id)}?handler={handler}");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(missing)).Should().Contain("obligatoire");
    }

    [Test]
    public async Task A_confrere_an_admin_and_a_secretary_open_the_agenda_of_a_pmi_agent()
    {
        foreach (var viewer in new[] { world.AdminA, world.SecretaryA, world.TwoOrganisationsAgent })
        {
            using var client = await factory.SignedInAgentAsync(viewer.Email);
            (await client.GetAsync(Agenda(world.PmiAgentA.Id))).StatusCode.Should().Be(HttpStatusCode.OK, viewer.FullName);
            (await client.GetAsync(Feed("Rdvs", world.PmiAgentA.Id, WeekStart, WeekEnd))).StatusCode.Should().Be(HttpStatusCode.OK, viewer.FullName);
        }
    }

    [Test]
    public async Task An_agent_of_another_service_or_organisation_gets_a_403_on_the_page_and_the_feeds()
    {
        using var social = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        using var other = await factory.SignedInAgentAsync(world.AdminB.Email);
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        foreach (var (client, organisation, agent) in new[]
        {
            (social, world.OrganisationA, world.PmiAgentA.Id),
            (other, world.OrganisationA, world.PmiAgentA.Id),
            // An agent of another organisation in the URL of A.
            (admin, world.OrganisationA, world.AdminB.Id),
        })
        {
            (await client.GetAsync(Agenda(agent, organisation))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync(Feed("Rdvs", agent, WeekStart, WeekEnd, organisation))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync(Feed("Background", agent, WeekStart, WeekEnd, organisation))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            // Bad bounds do not tell an outsider anything either.
            (await client.GetAsync(Feed("Rdvs", agent, "x", "y", organisation))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
    }

    [Test]
    public async Task Anonymous_callers_are_sent_to_the_agent_sign_in()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(Feed("Rdvs", world.PmiAgentA.Id, WeekStart, WeekEnd));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");
    }

    [Test]
    public async Task The_toggles_are_stored_on_the_signed_in_agent_and_come_back_to_the_same_day()
    {
        // A world of its own: the other tests keep the default toggles.
        var own = await new BackOfficeWorld(factory.Services).CreateAsync();
        var agent = own.PmiAgentA;
        using var client = await factory.SignedInAgentAsync(agent.Email);
        var page = Agenda(agent.Id, own.OrganisationA);

        var saturdays = await client.PostFormAsync(page, [new("display", "saturdays"), new("shown", "true"), new("date", "2026-12-07")], $"{page}?handler=Display");
        var cancelled = await client.PostFormAsync(page, [new("display", "cancelled_rdvs"), new("shown", "false"), new("date", "")], $"{page}?handler=Display");

        saturdays.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saturdays.Headers.Location!.OriginalString.Should().Be($"{page}?date=2026-12-07");
        cancelled.Headers.Location!.OriginalString.Should().Be(page);
        (await DisplaysAsync(agent.Id)).Should().Be((true, false));
        var html = await client.GetTextAsync(page);
        html.Should().Contain("Ne pas afficher les samedis").And.Contain("Afficher les RDV annulés").And.Contain("data-display-saturdays=\"true\"");

        var unknown = await client.PostFormAsync(page, [new("display", "dimanches"), new("shown", "true")], $"{page}?handler=Display");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DisplaysAsync(agent.Id)).Should().Be((true, false));
    }

    [Test]
    public async Task An_outsider_cannot_toggle_through_an_agenda_he_may_not_open()
    {
        using var other = await factory.SignedInAgentAsync(world.AdminB.Email);
        var before = await DisplaysAsync(world.AdminB.Id);
        var ownPage = Agenda(world.AdminB.Id, world.OrganisationB);

        var response = await other.PostFormAsync(ownPage, [new("display", "saturdays"), new("shown", "true")], $"{Agenda(world.PmiAgentA.Id)}?handler=Display");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DisplaysAsync(world.AdminB.Id)).Should().Be(before);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;

    private static async Task<(bool Saturdays, bool Cancelled)> DisplaysAsync(long agentId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select display_saturdays, display_cancelled_rdv from organisations.agents where id = @id", connection);
        command.Parameters.AddWithValue("id", agentId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }
}
