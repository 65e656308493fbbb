using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>
/// REFERENCE-API §5 checklist, endpoint by endpoint: status, root key, meta, and the objects' fields in
/// the §3 order with their formats, on the back-office test territory.
/// </summary>
[TestFixture]
public sealed class ApiContractTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private HttpClient admin = null!;
    private HttpClient pmi = null!;
    private HttpClient social = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        admin = await factory.AgentClientAsync(world.AdminA.Email);
        pmi = await factory.AgentClientAsync(world.PmiAgentA.Email);
        social = await factory.AgentClientAsync(world.SocialAgentA.Email);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        pmi.Dispose();
        social.Dispose();
        await factory.DisposeAsync();
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        return await response.JsonBodyAsync();
    }

    private static async Task<JsonElement> FailsAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return await response.JsonBodyAsync();
    }

    [Test]
    public async Task Organisations_list_show_and_update()
    {
        var list = await OkAsync(admin.GetAsync("/api/v1/organisations"));
        list.ShouldHaveKeys("organisations", "meta");
        list.ShouldHaveMeta(1, null, null, 1, 1);
        var organisation = list.GetProperty("organisations")[0];
        organisation.ShouldHaveKeys(ApiTestKit.OrganisationKeys);
        organisation.GetProperty("id").GetInt64().Should().Be(world.OrganisationA);
        organisation.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
        organisation.GetProperty("verticale").GetString().Should().Be("rdv_solidarites");

        var shown = await OkAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}"));
        shown.ShouldHaveKeys("organisation");
        shown.GetProperty("organisation").ShouldHaveKeys(ApiTestKit.OrganisationKeys);

        var forbidden = await FailsAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationB}"), HttpStatusCode.Forbidden);
        forbidden.GetProperty("errors")[0].GetProperty("base").GetString().Should().Be("forbidden");
        forbidden.GetProperty("error_messages")[0].GetString().Should().Be("Vous n’avez pas les droits suffisants pour accéder à cette organisation");
        var missing = await FailsAsync(pmi.GetAsync("/api/v1/organisations/987654321"), HttpStatusCode.NotFound);
        missing.GetRawText().Should().Be("""{"success":false,"errors":["Couldn't find Organisation with 'id'=987654321"]}""");

        // A basic agent may not change it; the admin may, with PATCH or PUT.
        var refused = await FailsAsync(pmi.PatchAsync($"/api/v1/organisations/{world.OrganisationA}", ApiTestKit.Json(new { email = "x@example.org" })), HttpStatusCode.Forbidden);
        refused.GetProperty("error_messages")[0].GetString().Should().Be("Vous n’avez pas les droits suffisants pour accéder à cette page ou effectuer cette action");
        var updated = await OkAsync(admin.PatchAsync($"/api/v1/organisations/{world.OrganisationA}",
            ApiTestKit.Json(new { email = "mds.alpha@example.org", phone_number = "3939", verticale = "rdv_aide_numerique" })));
        updated.GetProperty("organisation").GetProperty("email").GetString().Should().Be("mds.alpha@example.org");
        updated.GetProperty("organisation").GetProperty("phone_number").GetString().Should().Be("3939");
        updated.GetProperty("organisation").GetProperty("verticale").GetString().Should().Be("rdv_aide_numerique");
        var put = await OkAsync(admin.PutAsync($"/api/v1/organisations/{world.OrganisationA}", ApiTestKit.Json(new { verticale = "rdv_solidarites" })));
        put.GetProperty("organisation").GetProperty("email").GetString().Should().Be("mds.alpha@example.org");

        var invalid = await FailsAsync(admin.PatchAsync($"/api/v1/organisations/{world.OrganisationA}", ApiTestKit.Json(new { name = "" })), HttpStatusCode.UnprocessableEntity);
        invalid.GetRawText().Should().Be("""{"success":false,"errors":{"name":[{"error":"doit être rempli(e)"}]},"error_messages":["name doit être rempli(e)"]}""");
        var taken = await FailsAsync(admin.PatchAsync($"/api/v1/organisations/{world.OrganisationA}", ApiTestKit.Json(new { name = await OrganisationBNameAsync() })), HttpStatusCode.UnprocessableEntity);
        taken.GetProperty("errors").GetProperty("name")[0].GetProperty("error").GetString().Should().Be("est déjà utilisé(e)");
    }

    private async Task<string> OrganisationBNameAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<RdvSP.Application.Organisations.Abstractions.IOrganisationRepository>();
        return (await organisations.GetOrganisationAsync(world.OrganisationB, default))!.Name;
    }

    [Test]
    public async Task Motifs_are_scoped_to_the_agents_services_and_filtered()
    {
        var all = await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/motifs"));
        all.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).Should().Equal(world.PmiMotifA, world.SocialMotifA);
        var motif = all.GetProperty("motifs")[0];
        motif.ShouldHaveKeys(ApiTestKit.MotifKeys);
        motif.GetProperty("bookable_publicly").GetBoolean().Should().BeTrue();
        motif.GetProperty("deleted_at").ValueKind.Should().Be(JsonValueKind.Null);

        var own = await OkAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}/motifs"));
        own.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).Should().Equal(world.PmiMotifA);
        var publicOnes = await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/motifs?bookable_publicly=false&active=true"));
        publicOnes.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).Should().Equal(world.SocialMotifA);
        var deleted = await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/motifs?active=false"));
        deleted.ShouldHaveMeta(1, null, null, 0, 0);
        await FailsAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationB}/motifs"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Rdvs_list_the_visible_rdvs_with_every_nested_shape()
    {
        var body = await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs"));
        body.ShouldHaveKeys("rdvs", "meta");
        body.ShouldHaveMeta(1, null, null, 1, 1);
        var rdv = body.GetProperty("rdvs")[0];
        rdv.ShouldHaveKeys(ApiTestKit.RdvKeys);
        rdv.GetProperty("id").GetInt64().Should().Be(world.PmiRdvA);
        rdv.GetProperty("starts_at").ShouldBeDateTime();
        rdv.GetProperty("ends_at").ShouldBeDateTime();
        rdv.GetProperty("duration_in_min").GetInt32().Should().Be(30);
        rdv.GetProperty("context").GetString().Should().Be(BackOfficeWorld.PmiRdvMarker);
        rdv.GetProperty("created_by").GetString().Should().Be("agent");
        rdv.GetProperty("created_by_type").GetString().Should().Be("Agent");
        rdv.GetProperty("status").GetString().Should().Be("unknown");
        rdv.GetProperty("users_count").GetInt32().Should().Be(1);
        Guid.TryParse(rdv.GetProperty("uuid").GetString(), out _).Should().BeTrue();
        rdv.GetProperty("agents")[0].ShouldHaveKeys(ApiTestKit.AgentKeys);
        rdv.GetProperty("lieu").ShouldHaveKeys(ApiTestKit.LieuKeys);
        rdv.GetProperty("address").GetString().Should().Be(rdv.GetProperty("lieu").GetProperty("address").GetString());
        rdv.GetProperty("motif").ShouldHaveKeys(ApiTestKit.MotifKeys);
        rdv.GetProperty("organisation").ShouldHaveKeys(ApiTestKit.OrganisationKeys);
        var participation = rdv.GetProperty("participations")[0];
        participation.ShouldHaveKeys(ApiTestKit.ParticipationKeys);
        var user = participation.GetProperty("user");
        user.ShouldHaveKeys(ApiTestKit.UserKeys);
        user.GetProperty("created_at").ShouldBeDateTime();
        user.GetProperty("user_profiles").ValueKind.Should().Be(JsonValueKind.Null);
        rdv.GetProperty("users")[0].GetRawText().Should().Be(user.GetRawText());

        // The social agent sees neither the PMI RDV nor its context; filters are inclusive bounds in Paris.
        var hidden = await OkAsync(social.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs"));
        hidden.ShouldHaveMeta(1, null, null, 0, 0);
        var day = world.PmiRdvAStartsAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var exact = Uri.EscapeDataString(world.PmiRdvAStartsAt.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        (await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs?starts_after={exact}&starts_before={exact}")))
            .GetProperty("rdvs").GetArrayLength().Should().Be(1);
        (await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs?starts_before={day}")))
            .GetProperty("rdvs").GetArrayLength().Should().Be(0);
        var beyond = await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs?page=3"));
        beyond.ShouldHaveMeta(3, null, 2, 1, 1);
        beyond.GetProperty("rdvs").GetArrayLength().Should().Be(0);
        // Another organisation's or an unknown one's: an empty list (REFERENCE-API §2.9).
        (await OkAsync(admin.GetAsync($"/api/v1/organisations/{world.OrganisationB}/rdvs"))).ShouldHaveMeta(1, null, null, 0, 0);
        (await OkAsync(admin.GetAsync("/api/v1/organisations/false/rdvs"))).ShouldHaveMeta(1, null, null, 0, 0);
    }

    [Test]
    public async Task Users_of_an_organisation_and_of_the_agent()
    {
        var list = await OkAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}/users"));
        list.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).Should().Equal(world.UsagerA);
        list.GetProperty("users")[0].ShouldHaveKeys(ApiTestKit.UserKeys);

        var shown = await OkAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}/users/{world.UsagerA}"));
        var user = shown.GetProperty("user");
        user.GetProperty("last_name").GetString().Should().Be(world.UsagerALastName);
        user.GetProperty("user_profiles").GetRawText().Should().StartWith($$"""[{"organisation":{"id":{{world.OrganisationA}},""");
        (await FailsAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}/users/{world.UsagerB}"), HttpStatusCode.NotFound)).GetRawText()
            .Should().Be("""{"not_found":"user"}""");

        var mine = await OkAsync(pmi.GetAsync($"/api/v1/users?ids[]={world.UsagerA}&ids[]={world.UsagerB}"));
        mine.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).Should().Equal(world.UsagerA);
        (await OkAsync(pmi.GetAsync($"/api/v1/users/{world.UsagerA}"))).GetProperty("user").GetProperty("user_profiles").GetArrayLength().Should().Be(1);
        var foreign = await FailsAsync(pmi.GetAsync($"/api/v1/users/{world.UsagerB}"), HttpStatusCode.Forbidden);
        foreign.GetProperty("error_messages")[0].GetString().Should().StartWith("Vous n’avez pas les droits suffisants pour voir cette fiche usager");
        (await FailsAsync(pmi.GetAsync("/api/v1/users/987654321"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"user"}""");
        (await OkAsync(pmi.GetAsync($"/api/v1/users/{world.UsagerA}?organisation_id={world.OrganisationA}"))).GetProperty("user").GetProperty("id").GetInt64().Should().Be(world.UsagerA);
    }

    [Test]
    public async Task Agents_and_absences_follow_the_visibility_rules()
    {
        var agents = await OkAsync(admin.GetAsync("/api/v1/agents"));
        var ids = agents.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        ids.Should().Contain([world.AdminA.Id, world.PmiAgentA.Id, world.SocialAgentA.Id, world.SecretaryA.Id, world.TwoOrganisationsAgent.Id]).And.NotContain(world.AdminB.Id);
        agents.GetProperty("agents")[0].ShouldHaveKeys(ApiTestKit.AgentKeys);
        // A basic PMI agent sees the agents sharing his service, not the social one.
        var confreres = (await OkAsync(pmi.GetAsync("/api/v1/agents"))).GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        confreres.Should().Contain(world.PmiAgentA.Id).And.NotContain(world.SocialAgentA.Id);

        var absences = await OkAsync(pmi.GetAsync("/api/v1/absences"));
        var absence = absences.GetProperty("absences")[0];
        absence.ShouldHaveKeys(ApiTestKit.AbsenceKeys);
        absence.GetProperty("id").GetInt64().Should().Be(world.AbsencePmiAgentA);
        absence.GetProperty("first_day").GetString().Should().MatchRegex(ApiTestKit.DatePattern);
        absence.GetProperty("start_time").GetString().Should().Be("09:00:00");
        absence.GetProperty("ical").GetString().Should().StartWith("BEGIN:VCALENDAR\r\n").And.Contain($"UID:absence_{world.AbsencePmiAgentA}@RDV Solidarités");
        (await OkAsync(pmi.GetAsync($"/api/v1/absences/{world.AbsencePmiAgentA}"))).ShouldHaveKeys("absence");
        await FailsAsync(social.GetAsync($"/api/v1/absences/{world.AbsencePmiAgentA}"), HttpStatusCode.Forbidden);
        (await FailsAsync(pmi.GetAsync("/api/v1/absences/abc"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"absence"}""");
    }

    [Test]
    public async Task A_participation_status_change_answers_the_whole_rdv()
    {
        var rdv = (await OkAsync(pmi.GetAsync($"/api/v1/organisations/{world.OrganisationA}/rdvs"))).GetProperty("rdvs")[0];
        var participationId = rdv.GetProperty("participations")[0].GetProperty("id").GetInt64();
        var seen = await OkAsync(pmi.PatchAsync($"/api/v1/participations/{participationId}", ApiTestKit.Json(new { participation = new { status = "seen" } })));
        seen.ShouldHaveKeys("rdv");
        seen.GetProperty("rdv").GetProperty("status").GetString().Should().Be("seen");
        seen.GetProperty("rdv").GetProperty("participations")[0].GetProperty("status").GetString().Should().Be("seen");
        var back = await OkAsync(pmi.PutAsync($"/api/v1/participations/{participationId}", ApiTestKit.Json(new { status = "unknown" })));
        back.GetProperty("rdv").GetProperty("status").GetString().Should().Be("unknown");

        (await FailsAsync(social.PatchAsync($"/api/v1/participations/{participationId}", ApiTestKit.Json(new { status = "seen" })), HttpStatusCode.NotFound))
            .GetProperty("success").GetBoolean().Should().BeFalse();
        (await FailsAsync(pmi.PatchAsync($"/api/v1/participations/{participationId}", ApiTestKit.Json(new { })), HttpStatusCode.UnprocessableEntity)).GetRawText()
            .Should().Be("""{"success":false,"errors":["param is missing or the value is empty: participation"]}""");
        await FailsAsync(pmi.PatchAsync($"/api/v1/participations/{participationId}", ApiTestKit.Json(new { status = "annule" })), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Public_links_need_a_known_territory()
    {
        using var anonymous = factory.CreateClient();
        (await FailsAsync(anonymous.GetAsync("/api/v1/public_links"), HttpStatusCode.BadRequest)).GetRawText().Should().Be("""{"missing":"territory"}""");
        (await FailsAsync(anonymous.GetAsync("/api/v1/public_links?territory=ZZ"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"territory"}""");
        var links = await OkAsync(anonymous.GetAsync("/public_api/public_links?territory=26"));
        links.ShouldHaveKeys("public_links");
    }
}
