using System.Globalization;
using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Collective;

/// <summary>
/// "RDV collectifs" through the pages (REFERENCE-SURFACES §2.3.7): creation and duplication, the list's
/// "places restantes", participants added until full, "Ajouter quand même" only on the agent's explicit
/// choice, removal; bad input refused in French with nothing written.
/// </summary>
[TestFixture]
public sealed class CollectiveRdvPagesTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private HttpClient admin = null!;
    private long collectiveMotif;

    private string List => $"/admin/organisations/{world.OrganisationA}/rdvs_collectifs";
    private static string Start => DateTime.UtcNow.Date.AddDays(10).AddHours(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [OneTimeSetUp]
    public async Task Begin()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        collectiveMotif = await scope.ServiceProvider.GetRequiredService<IOrganisationRepository>().AddMotifAsync(
            new NewMotif(world.OrganisationA, world.PmiServiceId, "Atelier portage", "#ff7f0e", 90, LocationTypes.PublicOffice, BookableBy.Everyone, Collectif: true), default);
        admin = await factory.SignedInAgentAsync(world.AdminA.Email);
    }

    [OneTimeTearDown]
    public async Task End()
    {
        admin.Dispose();
        await factory.DisposeAsync();
    }

    [Test]
    public async Task An_admin_creates_a_collective_rdv_and_duplicates_it()
    {
        var name = $"Atelier {Guid.NewGuid():N}"[..20];
        var rdvId = await CreateAsync(name, capacity: 3);

        var list = await admin.GetTextAsync(List);
        list.Should().Contain(name).And.Contain("3 places restantes");
        var copy = await admin.GetTextAsync($"{List}/new?duplicated_rdv_id={rdvId}");
        copy.Should().Contain("Dupliquer un RDV collectif").And.Contain($"value=\"{name}\"").And.Contain("value=\"3\"");
    }

    [Test]
    public async Task Bad_input_on_the_creation_form_is_refused_in_french_and_writes_nothing()
    {
        var before = await ScalarAsync("select count(*) from booking.rdvs");
        var cases = new (Dictionary<string, string> Changes, string Message)[]
        {
            (new() { ["Input.MaxParticipantsCount"] = "0" }, "Le nombre maximum de participants doit être compris entre 1 et 1000"),
            (new() { ["Input.MaxParticipantsCount"] = "abc" }, "n'est pas valide"),
            (new() { ["Input.DurationInMin"] = "0" }, "La durée doit être comprise entre 1 et 720 minutes."),
            (new() { ["Input.StartsAt"] = "demain" }, "La date et l'heure du RDV doivent être au format AAAA-MM-JJTHH:MM."),
            (new() { ["Input.StartsAt"] = "2017-06-01T10:00" }, "La date du RDV doit être comprise entre le 01/01/2018"),
            (new() { ["Input.StartsAt"] = DateTime.UtcNow.AddYears(6).ToString("yyyy-MM-ddT10:00", CultureInfo.InvariantCulture) }, "La date du RDV doit être comprise entre le 01/01/2018"),
            (new() { ["Input.LieuId"] = "" }, "Choisissez un lieu ou saisissez un lieu ponctuel."),
            (new() { ["Input.MotifId"] = world.PmiMotifA.ToString(CultureInfo.InvariantCulture) }, "Ce motif n'est pas un motif collectif"),
            (new() { ["Input.AgentIds"] = "" }, "Choisissez au moins un agent."),
        };
        foreach (var (changes, message) in cases)
        {
            var response = await PostCreationAsync("Refusé", 3, changes);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, message);
            (await response.ReadTextAsync()).Should().Contain(message);
        }
        // A motif or a lieu of another organisation: refused as forbidden.
        (await PostCreationAsync("Ailleurs", 3, new() { ["Input.MotifId"] = world.MotifB.ToString(CultureInfo.InvariantCulture) })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostCreationAsync("Ailleurs", 3, new() { ["Input.LieuId"] = world.LieuB.ToString(CultureInfo.InvariantCulture) })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync("select count(*) from booking.rdvs")).Should().Be(before);

        (await admin.GetAsync($"{List}?from_date=31/12/2026")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var tooOld = await admin.GetAsync($"{List}?from_date=2010-01-01");
        tooOld.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooOld.ReadTextAsync()).Should().Contain("La date du RDV doit être comprise entre le 01/01/2018");
        (await admin.GetAsync($"{List}?motif_id={world.MotifB}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Participants_fill_the_seats_then_only_an_explicit_overbooking_adds_one_more()
    {
        var name = $"Complet {Guid.NewGuid():N}"[..20];
        var rdvId = await CreateAsync(name, capacity: 2);
        var participations = $"/admin/organisations/{world.OrganisationA}/rdvs/{rdvId}/participations";
        var usagers = new List<long>();
        for (var i = 0; i < 3; i++) usagers.Add(await UsagerAsync($"Part{i}"));

        (await AddAsync(participations, usagers[0])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AddAsync(participations, usagers[1])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var full = await AddAsync(participations, usagers[2]);
        full.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await full.ReadTextAsync()).Should().Contain("Ce RDV collectif est complet").And.Contain("Ajouter quand même");
        (await ScalarAsync($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(2);

        (await AddAsync(participations, usagers[2], overbook: true)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(3);
        var list = await admin.GetTextAsync(List);
        list.Should().Contain("0 place restante").And.Contain("Surréservé");

        var participation = await ScalarAsync($"select id from booking.participations where rdv_id = {rdvId} and user_id = {usagers[0]}");
        var removed = await admin.PostFormAsync(participations, [new("participation_id", participation.ToString(CultureInfo.InvariantCulture))], $"{participations}?handler=Remove");
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select users_count from booking.rdvs where id = {rdvId}")).Should().Be(2);

        // A usager of another organisation, or a participation of another RDV: refused, nothing written.
        (await AddAsync(participations, world.UsagerB)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var foreign = await ScalarAsync($"select id from booking.participations where rdv_id = {world.PmiRdvA}");
        var wrongRdv = await admin.PostFormAsync(participations, [new("participation_id", foreign.ToString(CultureInfo.InvariantCulture))], $"{participations}?handler=Remove");
        wrongRdv.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ScalarAsync($"select count(*) from booking.participations where id = {foreign} and status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task The_search_on_the_participants_page_offers_the_organisations_usagers()
    {
        var rdvId = await CreateAsync($"Recherche {Guid.NewGuid():N}"[..20], capacity: 5);
        var page = await admin.GetTextAsync($"/admin/organisations/{world.OrganisationA}/rdvs/{rdvId}/participations?term={world.UsagerALastName}");
        page.Should().Contain(world.UsagerALastName.ToUpperInvariant()).And.Contain("5 places restantes");
        using var social = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        (await social.GetAsync($"/admin/organisations/{world.OrganisationA}/rdvs/{rdvId}/participations")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await social.GetTextAsync(List)).Should().NotContain("Recherche");
    }

    private async Task<long> CreateAsync(string name, int capacity)
    {
        var response = await PostCreationAsync(name, capacity, []);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.ReadTextAsync());
        return await ScalarAsync($"select id from booking.rdvs where name = '{name}'");
    }

    private Task<HttpResponseMessage> PostCreationAsync(string name, int capacity, Dictionary<string, string> changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.MotifId"] = collectiveMotif.ToString(CultureInfo.InvariantCulture),
            ["Input.StartsAt"] = Start,
            ["Input.DurationInMin"] = "90",
            ["Input.Name"] = name,
            ["Input.MaxParticipantsCount"] = capacity.ToString(CultureInfo.InvariantCulture),
            ["Input.LieuId"] = world.LieuA.ToString(CultureInfo.InvariantCulture),
            ["Input.AgentIds"] = world.AdminA.Id.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in changes) fields[key] = value;
        return admin.PostFormAsync($"{List}/new", fields.Where(f => f.Value.Length > 0).ToList());
    }

    private Task<HttpResponseMessage> AddAsync(string participations, long usager, bool overbook = false) =>
        admin.PostFormAsync(participations,
            [new("user_id", usager.ToString(CultureInfo.InvariantCulture)), new("overbook", overbook ? "true" : "false")], $"{participations}?handler=Add");

    private async Task<long> UsagerAsync(string lastName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var usagers = scope.ServiceProvider.GetRequiredService<IUsagerRepository>();
        var id = await usagers.AddAsync(new NewUsager("Léa", lastName + Guid.NewGuid().ToString("N")[..6], CreatedThrough.AgentCreation), default);
        await usagers.AddFamilyToOrganisationAsync(id, world.OrganisationA, default);
        return id;
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
