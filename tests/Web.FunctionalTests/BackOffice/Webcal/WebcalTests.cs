using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Ical.Net;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Webcal;

/// <summary>
/// The agent's private webcal feed (issue 10): created and reset from « Synchronisation d'agenda », read
/// without cookies at /calendrier/{uid}.ics, with his RDVs only and no usager's personal data.
/// </summary>
[TestFixture]
public sealed partial class WebcalTests
{
    private const string Page = "/agents/calendar_sync/webcal_sync";

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [Test]
    public async Task An_agent_creates_his_link_and_the_feed_lists_his_rdvs_without_personal_data()
    {
        using var agent = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (await agent.GetTextAsync(Page)).Should().Contain("Créer mon lien de synchronisation");
        (await agent.PostFormAsync(Page, [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var feedUrl = FeedPath(await agent.GetTextAsync(Page));

        using var calendarApp = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await calendarApp.GetAsync(feedUrl);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var evt = calendar.Events.Should().ContainSingle().Subject;
        evt.Uid.Should().Be((await UuidAsync(world.PmiRdvA)).ToString());
        evt.Summary.Should().Be("Consultation PMI");
        evt.Location.Should().StartWith("Lieu Alpha");
        evt.DtStart!.TzId.Should().Be("Europe/Paris");
        evt.Status.Should().Be("CONFIRMED");
        evt.Description.Should().EndWith($"/admin/organisations/{world.OrganisationA}/rdvs/{world.PmiRdvA}");
        text.Should().NotContain(world.UsagerALastName).And.NotContain(world.UsagerAEmail).And.NotContain(BackOfficeWorld.PmiRdvMarker);
    }

    [Test]
    public async Task Resetting_the_link_closes_the_old_address()
    {
        using var agent = await factory.SignedInAgentAsync(world.AdminA.Email);
        await agent.PostFormAsync(Page, []);
        var first = FeedPath(await agent.GetTextAsync(Page));

        var reset = await agent.PostFormAsync(Page, []);
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var second = FeedPath(await agent.GetTextAsync(Page));

        second.Should().NotBe(first);
        using var calendarApp = factory.CreateClient(new() { AllowAutoRedirect = false });
        (await calendarApp.GetAsync(first)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await calendarApp.GetAsync(second)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("/calendrier/0123456789abcdef0123456789abcdef.ics")]
    [TestCase("/calendrier/pas-un-identifiant.ics")]
    [TestCase("/calendrier/%27%3B%20drop%20table.ics")]
    public async Task An_unknown_or_malformed_address_is_a_404(string path)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_page_needs_a_signed_in_agent()
    {
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync(Page)).Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");
    }

    private static string FeedPath(string page) => new Uri(FeedPattern().Match(page).Groups[1].Value).PathAndQuery;

    private static async Task<Guid> UuidAsync(long rdvId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select uuid from booking.rdvs where id = {rdvId}", connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("id=\"webcal-url\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex FeedPattern();
}
