using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>
/// REFERENCE-API §5 checklist for the write endpoints (§2.2–§2.3, §2.13–§2.19): every verb, each listed
/// status from a real request, the success bodies field by field, and what the database holds after.
/// </summary>
[TestFixture]
public sealed class ApiWriteContractTests
{
    private const string DefaultForbidden = "Vous n’avez pas les droits suffisants pour accéder à cette page ou effectuer cette action";

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private HttpClient admin = null!;
    private HttpClient pmi = null!;
    private HttpClient social = null!;
    private HttpClient adminB = null!;
    private HttpClient twoOrganisations = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        admin = await factory.AgentClientAsync(world.AdminA.Email);
        pmi = await factory.AgentClientAsync(world.PmiAgentA.Email);
        social = await factory.AgentClientAsync(world.SocialAgentA.Email);
        adminB = await factory.AgentClientAsync(world.AdminB.Email);
        twoOrganisations = await factory.AgentClientAsync(world.TwoOrganisationsAgent.Email);
        // Organisation A's endpoint hears every model, so each write below leaves a capture or a delivery.
        await ScalarAsync<int>("""
            update webhooks.endpoints set subscriptions = array['rdv', 'absence', 'plage_ouverture', 'user', 'user_profile', 'organisation',
                'motif', 'lieu', 'agent', 'agent_role', 'referent_assignation'] where id = @id
            """, new { id = world.WebhookEndpointA });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        foreach (var client in new[] { admin, pmi, social, adminB, twoOrganisations }) client.Dispose();
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

    private static async Task NoContentAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    private static async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    /// <summary>The change was captured for the webhooks (still waiting, or already turned into deliveries).</summary>
    private static Task<long> WebhookEventsAsync(string model, long recordId, string @event) => ScalarAsync<long>("""
        select (select count(*) from webhooks.captures where model = @model and record_id = @recordId and event = @event)
             + (select count(*) from webhooks.deliveries where model = @model and record_id = @recordId and event = @event)
        """, new { model, recordId, @event });

    private static HttpRequestMessage Delete(string path, object body) => new(HttpMethod.Delete, path) { Content = ApiTestKit.Json(body) };

    private static string Day(int daysFromNow) => DateTime.UtcNow.Date.AddDays(daysFromNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Test]
    public async Task Absences_are_created_shown_updated_and_deleted_for_visible_agents_only()
    {
        using var anonymous = factory.CreateClient();
        (await FailsAsync(anonymous.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id })), HttpStatusCode.Unauthorized)).GetRawText()
            .Should().Be("""{"errors":["Vous devez vous connecter ou vous inscrire pour continuer."]}""");

        var day = Day(20);
        var created = await OkAsync(pmi.PostAsync("/api/v1/absences",
            ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, title = "  Formation continue ", first_day = day, start_time = "9:00", end_time = "12:30" })));
        created.ShouldHaveKeys("absence");
        var absence = created.GetProperty("absence");
        absence.ShouldHaveKeys(ApiTestKit.AbsenceKeys);
        var id = absence.GetProperty("id").GetInt64();
        absence.GetProperty("agent").ShouldHaveKeys(ApiTestKit.AgentKeys);
        absence.GetProperty("agent").GetProperty("id").GetInt64().Should().Be(world.PmiAgentA.Id);
        absence.GetProperty("title").GetString().Should().Be("Formation continue");
        absence.GetProperty("first_day").GetString().Should().Be(day);
        absence.GetProperty("end_day").GetString().Should().Be(day);
        absence.GetProperty("start_time").GetString().Should().Be("09:00:00");
        absence.GetProperty("end_time").GetString().Should().Be("12:30:00");
        absence.GetProperty("rrule").ValueKind.Should().Be(JsonValueKind.Null);
        absence.GetProperty("ical_uid").GetString().Should().Be($"absence_{id}@RDV Solidarités");
        absence.GetProperty("organisation").ShouldHaveKeys(ApiTestKit.OrganisationKeys);
        (await WebhookEventsAsync("absence", id, "created")).Should().BeGreaterThan(0);

        // By e-mail (case-insensitive); an unknown e-mail is 404 form A, an unknown id a 422 on agent.
        var byEmail = await OkAsync(admin.PostAsync("/api/v1/absences",
            ApiTestKit.Json(new { agent_email = world.PmiAgentA.Email.ToUpperInvariant(), title = "Réunion", first_day = day, start_time = "14:00", end_day = Day(21), end_time = "10:00" })));
        byEmail.GetProperty("absence").GetProperty("end_day").GetString().Should().Be(Day(21));
        (await FailsAsync(admin.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_email = "personne@example.org", title = "X", first_day = day, start_time = "9:00", end_time = "10:00" })),
            HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"agent"}""");
        (await FailsAsync(admin.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_id = 987654321, title = "X", first_day = day, start_time = "9:00", end_time = "10:00" })),
            HttpStatusCode.UnprocessableEntity)).GetRawText().Should().Be("""{"success":false,"errors":{"agent":[{"error":"doit exister"}]},"error_messages":["agent doit exister"]}""");

        // The social agent does not see the PMI agent: 403, nothing written.
        var count = await ScalarAsync<long>("select count(*) from availability.absences where agent_id = @id", new { id = world.PmiAgentA.Id });
        var refused = await FailsAsync(social.PostAsync("/api/v1/absences",
            ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, title = "Piratée", first_day = day, start_time = "9:00", end_time = "10:00" })), HttpStatusCode.Forbidden);
        refused.GetRawText().Should().Be($$"""{"errors":[{"base":"forbidden"}],"error_messages":["{{DefaultForbidden}}"]}""");
        (await ScalarAsync<long>("select count(*) from availability.absences where agent_id = @id", new { id = world.PmiAgentA.Id })).Should().Be(count);

        // Invalid: end before start, impossible date, missing title, unparsable time.
        var reversed = await FailsAsync(pmi.PostAsync("/api/v1/absences",
            ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, title = "X", first_day = day, start_time = "12:00", end_time = "9:00" })), HttpStatusCode.UnprocessableEntity);
        reversed.GetProperty("success").GetBoolean().Should().BeFalse();
        reversed.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("end_time");
        (await FailsAsync(pmi.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, title = "X", first_day = "2026-13-01", start_time = "9:00", end_time = "10:00" })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("first_day")[0].GetProperty("error").GetString().Should().Be("doit être une date au format AAAA-MM-JJ");
        (await FailsAsync(pmi.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, first_day = day, start_time = "9:00", end_time = "10:00" })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("title");
        (await FailsAsync(pmi.PostAsync("/api/v1/absences", ApiTestKit.Json(new { agent_id = world.PmiAgentA.Id, title = "X", first_day = day, start_time = "8h", end_time = "10:00" })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("start_time");
        (await ScalarAsync<long>("select count(*) from availability.absences where agent_id = @id", new { id = world.PmiAgentA.Id })).Should().Be(count);

        // PATCH and PUT change what is sent and keep the rest; a one-day absence moved keeps one day.
        var patched = await OkAsync(pmi.PatchAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { title = "Formation", first_day = Day(22) })));
        patched.GetProperty("absence").GetProperty("title").GetString().Should().Be("Formation");
        patched.GetProperty("absence").GetProperty("first_day").GetString().Should().Be(Day(22));
        patched.GetProperty("absence").GetProperty("end_day").GetString().Should().Be(Day(22));
        patched.GetProperty("absence").GetProperty("start_time").GetString().Should().Be("09:00:00");
        var put = await OkAsync(pmi.PutAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { end_time = "17:00:00" })));
        put.GetProperty("absence").GetProperty("end_time").GetString().Should().Be("17:00:00");
        put.GetProperty("absence").GetProperty("title").GetString().Should().Be("Formation");
        (await FailsAsync(pmi.PatchAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { end_time = "08:00" })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("end_time");
        (await FailsAsync(pmi.PatchAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { agent_id = world.AdminA.Id })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").GetProperty("agent_id")[0].GetProperty("error").GetString().Should().Be("n'est pas un paramètre accepté");
        await FailsAsync(social.PatchAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { title = "Piratée" })), HttpStatusCode.Forbidden);
        await FailsAsync(adminB.PutAsync($"/api/v1/absences/{id}", ApiTestKit.Json(new { title = "Piratée" })), HttpStatusCode.Forbidden);
        (await FailsAsync(pmi.PatchAsync("/api/v1/absences/987654321", ApiTestKit.Json(new { title = "X" })), HttpStatusCode.NotFound)).GetRawText()
            .Should().Be("""{"not_found":"absence"}""");
        (await ScalarAsync<string>("select title from availability.absences where id = @id", new { id })).Should().Be("Formation");

        // DELETE: 403 for who does not see the agent, 204 with an empty body, then 404.
        await FailsAsync(social.DeleteAsync($"/api/v1/absences/{id}"), HttpStatusCode.Forbidden);
        await NoContentAsync(pmi.DeleteAsync($"/api/v1/absences/{id}"));
        (await ScalarAsync<long>("select count(*) from availability.absences where id = @id", new { id })).Should().Be(0);
        (await WebhookEventsAsync("absence", id, "destroyed")).Should().BeGreaterThan(0);
        (await FailsAsync(pmi.DeleteAsync($"/api/v1/absences/{id}"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"absence"}""");
        (await FailsAsync(pmi.GetAsync($"/api/v1/absences/{id}"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"absence"}""");
    }

    [Test]
    public async Task Users_are_created_and_updated_with_the_agent_space_rules()
    {
        (await FailsAsync(admin.PostAsync("/api/v1/users", ApiTestKit.Json(new { first_name = "Jeanne", last_name = "Durand" })), HttpStatusCode.UnprocessableEntity))
            .GetRawText().Should().Be("""{"success":false,"errors":["param is missing or the value is empty: organisation_ids"]}""");

        var lastName = $"Durand{Guid.NewGuid():N}"[..20];
        var email = $"jeanne.{Guid.NewGuid():N}@example.org";
        var created = await OkAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new
        {
            organisation_ids = new[] { world.OrganisationA }, first_name = "Jeanne", last_name = lastName, birth_date = "1985-07-20",
            email = email.Replace("@", ".@", StringComparison.Ordinal), phone_number = "06 12 34 56 78", address = "12 rue des Lilas, Valence, 26000",
            caisse_affiliation = "caf", affiliation_number = "1234567", family_situation = "single", number_of_children = 2, notify_by_sms = false,
            referent_agent_ids = new[] { world.PmiAgentA.Id }, notes = "ignoré",
        })));
        created.ShouldHaveKeys("user");
        var user = created.GetProperty("user");
        user.ShouldHaveKeys(ApiTestKit.UserKeys);
        var id = user.GetProperty("id").GetInt64();
        user.GetProperty("first_name").GetString().Should().Be("Jeanne");
        user.GetProperty("last_name").GetString().Should().Be(lastName);
        user.GetProperty("birth_date").GetString().Should().Be("1985-07-20");
        user.GetProperty("email").GetString().Should().Be(email);
        user.GetProperty("phone_number").GetString().Should().Be("06 12 34 56 78");
        user.GetProperty("phone_number_formatted").GetString().Should().Be("+33612345678");
        user.GetProperty("caisse_affiliation").GetString().Should().Be("caf");
        user.GetProperty("affiliation_number").GetString().Should().Be("1234567");
        user.GetProperty("family_situation").GetString().Should().Be("single");
        user.GetProperty("number_of_children").GetInt32().Should().Be(2);
        user.GetProperty("notify_by_sms").GetBoolean().Should().BeFalse();
        user.GetProperty("notify_by_email").GetBoolean().Should().BeTrue();
        user.GetProperty("notes").ValueKind.Should().Be(JsonValueKind.Null);
        user.GetProperty("created_at").ShouldBeDateTime();
        user.GetProperty("responsible").ValueKind.Should().Be(JsonValueKind.Null);
        user.GetProperty("user_profiles").ValueKind.Should().Be(JsonValueKind.Null);
        (await ScalarAsync<string>("select created_through from usagers.users where id = @id", new { id })).Should().Be("agent_creation_api");
        (await ScalarAsync<long>("select agent_id from usagers.referent_assignations where user_id = @id", new { id })).Should().Be(world.PmiAgentA.Id);
        (await OkAsync(pmi.GetAsync($"/api/v1/users/{id}"))).GetProperty("user").GetProperty("user_profiles")[0].GetProperty("organisation").GetProperty("id").GetInt64()
            .Should().Be(world.OrganisationA);
        (await WebhookEventsAsync("user", id, "created")).Should().BeGreaterThan(0);

        // A relative of that user.
        var relative = (await OkAsync(pmi.PostAsync("/api/v1/users",
            ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "Léo", last_name = lastName, responsible_id = id })))).GetProperty("user");
        relative.GetProperty("responsible_id").GetInt64().Should().Be(id);
        relative.GetProperty("responsible").GetProperty("id").GetInt64().Should().Be(id);

        // The e-mail of a usager the caller sees: 422 taken, with his id.
        var taken = await FailsAsync(pmi.PostAsync("/api/v1/users",
            ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "Autre", last_name = "Personne", email = world.UsagerAEmail })), HttpStatusCode.UnprocessableEntity);
        taken.GetRawText().Should().Be($$"""{"success":false,"errors":{"email":[{"error":"est déjà utilisé(e)","value":"{{world.UsagerAEmail}}","id":{{world.UsagerA}}}]},"error_messages":["email est déjà utilisé(e)"]}""");
        (await FailsAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "A", last_name = "B", caisse_affiliation = "aucun" })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("caisse_affiliation");
        (await FailsAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "A", last_name = "" })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("last_name");
        (await FailsAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "A", last_name = "B", birth_date = Day(3) })),
            HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("birth_date");
        // An organisation where the caller has no role, or a référent he does not see: 403, nothing written.
        var users = await ScalarAsync<long>("select count(*) from usagers.users");
        await FailsAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationB }, first_name = "A", last_name = "B" })), HttpStatusCode.Forbidden);
        await FailsAsync(pmi.PostAsync("/api/v1/users", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA, world.OrganisationB }, first_name = "A", last_name = "B" })), HttpStatusCode.Forbidden);
        await FailsAsync(social.PostAsync("/api/v1/users",
            ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "A", last_name = "B", referent_agent_ids = new[] { world.PmiAgentA.Id } })), HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from usagers.users")).Should().Be(users);

        // PATCH/PUT: what is sent changes, the rest stays.
        var patched = (await OkAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { first_name = "Jeanne-Marie", family_situation = "divorced" })))).GetProperty("user");
        patched.ShouldHaveKeys(ApiTestKit.UserKeys);
        patched.GetProperty("first_name").GetString().Should().Be("Jeanne-Marie");
        patched.GetProperty("family_situation").GetString().Should().Be("divorced");
        patched.GetProperty("email").GetString().Should().Be(email);
        patched.GetProperty("caisse_affiliation").GetString().Should().Be("caf");
        patched.GetProperty("user_profiles").ValueKind.Should().Be(JsonValueKind.Null);
        var put = (await OkAsync(pmi.PutAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { phone_number = "", referent_agent_ids = Array.Empty<long>() })))).GetProperty("user");
        put.GetProperty("phone_number").ValueKind.Should().Be(JsonValueKind.Null);
        put.GetProperty("first_name").GetString().Should().Be("Jeanne-Marie");
        (await ScalarAsync<long>("select count(*) from usagers.referent_assignations where user_id = @id", new { id })).Should().Be(0);
        (await FailsAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { email = world.UsagerAEmail })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").GetProperty("email")[0].GetProperty("id").GetInt64().Should().Be(world.UsagerA);
        (await FailsAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { number_of_children = -1 })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("number_of_children");
        (await FailsAsync(pmi.PatchAsync("/api/v1/users/987654321", ApiTestKit.Json(new { first_name = "X" })), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"user"}""");
        var foreign = await FailsAsync(adminB.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { first_name = "Piraté" })), HttpStatusCode.Forbidden);
        foreign.GetProperty("error_messages")[0].GetString().Should().Be("Vous n’avez pas les droits suffisants pour modifier cette fiche usager");
        await FailsAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationB } })), HttpStatusCode.Forbidden);
        (await ScalarAsync<string>("select first_name from usagers.users where id = @id", new { id })).Should().Be("Jeanne-Marie");

        // FranceConnect certified his first name, birth name and birth date: they stay, the rest changes.
        await ScalarAsync<int>("update usagers.users set franceconnect_openid_sub = 'fc-' || id where id = @id", new { id });
        var certified = (await OkAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { first_name = "Autre", birth_date = "1990-01-01", address = "1 place Neuve" })))).GetProperty("user");
        certified.GetProperty("first_name").GetString().Should().Be("Jeanne-Marie");
        certified.GetProperty("birth_date").GetString().Should().Be("1985-07-20");
        certified.GetProperty("address").GetString().Should().Be("1 place Neuve");

        // An agent of both organisations moves him to both.
        await OkAsync(twoOrganisations.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA, world.OrganisationB } })));
        (await ScalarAsync<long[]>("select array_agg(organisation_id order by organisation_id) from usagers.user_profiles where user_id = @id", new { id }))
            .Should().Equal(new[] { world.OrganisationA, world.OrganisationB }.Order());
        (await WebhookEventsAsync("user", id, "updated")).Should().BeGreaterThan(0);
        // An agent of A alone may not take him out of B.
        await FailsAsync(pmi.PatchAsync($"/api/v1/users/{id}", ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA } })), HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from usagers.user_profiles where user_id = @id", new { id })).Should().Be(2);
    }

    [Test]
    public async Task The_invitation_token_is_created_once_and_refreshed()
    {
        using var anonymous = factory.CreateClient();
        await FailsAsync(anonymous.PostAsync($"/api/v1/users/{world.UsagerA}/rdv_invitation_token", null), HttpStatusCode.Unauthorized);
        var first = await OkAsync(pmi.PostAsync($"/api/v1/users/{world.UsagerA}/rdv_invitation_token", null));
        first.ShouldHaveKeys("invitation_token");
        var token = first.GetProperty("invitation_token").GetString();
        token.Should().MatchRegex("^[A-Z0-9]{8}$");
        var refreshedBefore = await ScalarAsync<DateTime>("select rdv_invitation_token_updated_at from usagers.users where id = @id", new { id = world.UsagerA });
        (await OkAsync(admin.PostAsync($"/api/v1/users/{world.UsagerA}/rdv_invitation_token", null))).GetProperty("invitation_token").GetString().Should().Be(token);
        (await ScalarAsync<DateTime>("select rdv_invitation_token_updated_at from usagers.users where id = @id", new { id = world.UsagerA })).Should().BeOnOrAfter(refreshedBefore);
        (await ScalarAsync<string>("select invited_through from usagers.users where id = @id", new { id = world.UsagerA })).Should().Be("external");

        (await FailsAsync(adminB.PostAsync($"/api/v1/users/{world.UsagerA}/rdv_invitation_token", null), HttpStatusCode.Forbidden))
            .GetProperty("error_messages")[0].GetString().Should().Be(DefaultForbidden);
        (await FailsAsync(pmi.PostAsync("/api/v1/users/987654321/rdv_invitation_token", null), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"user"}""");
        (await FailsAsync(pmi.PostAsync($"/api/v1/users/{world.UsagerA}/rdv_invitation_token", ApiTestKit.Json(new { token = "AAAAAAAA" })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("token");
    }

    [Test]
    public async Task User_profiles_attach_and_detach_usagers_of_the_territory()
    {
        var created = (await OkAsync(admin.PostAsync("/api/v1/users",
            ApiTestKit.Json(new { organisation_ids = new[] { world.OrganisationA }, first_name = "Paul", last_name = $"Profil{Guid.NewGuid():N}"[..20] })))).GetProperty("user");
        var id = created.GetProperty("id").GetInt64();

        // Organisation B's admin attaches him to B (same territory).
        var profile = await OkAsync(adminB.PostAsync("/api/v1/user_profiles", ApiTestKit.Json(new { organisation_id = world.OrganisationB, user_id = id })));
        profile.ShouldHaveKeys("user_profile");
        profile.GetProperty("user_profile").ShouldHaveKeys("organisation", "user");
        profile.GetProperty("user_profile").GetProperty("organisation").GetProperty("id").GetInt64().Should().Be(world.OrganisationB);
        profile.GetProperty("user_profile").GetProperty("user").ShouldHaveKeys(ApiTestKit.UserKeys);
        profile.GetProperty("user_profile").GetProperty("user").GetProperty("user_profiles").ValueKind.Should().Be(JsonValueKind.Null);
        (await FailsAsync(adminB.PostAsync("/api/v1/user_profiles", ApiTestKit.Json(new { organisation_id = world.OrganisationB, user_id = id })), HttpStatusCode.UnprocessableEntity))
            .GetRawText().Should().Be("""{"success":false,"errors":{"user_id":[{"error":"est déjà utilisé(e)"}]},"error_messages":["user_id est déjà utilisé(e)"]}""");
        (await FailsAsync(adminB.PostAsync("/api/v1/user_profiles", ApiTestKit.Json(new { organisation_id = world.OrganisationB, user_id = 987654321 })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("user");
        // Organisations where the caller has no role (or unknown): 403.
        await FailsAsync(pmi.PostAsync("/api/v1/user_profiles", ApiTestKit.Json(new { organisation_id = world.OrganisationB, user_id = world.UsagerA })), HttpStatusCode.Forbidden);
        await FailsAsync(pmi.PostAsync("/api/v1/user_profiles", ApiTestKit.Json(new { organisation_id = 987654321, user_id = world.UsagerA })), HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from usagers.user_profiles where user_id = @id", new { id = world.UsagerA })).Should().Be(1);

        // Detach from B: 204; again: 404 form B.
        using (var request = Delete("/api/v1/user_profiles", new { organisation_id = world.OrganisationB, user_id = id }))
            await NoContentAsync(adminB.SendAsync(request));
        using (var request = Delete("/api/v1/user_profiles", new { organisation_id = world.OrganisationB, user_id = id }))
            (await FailsAsync(adminB.SendAsync(request), HttpStatusCode.NotFound)).GetRawText().Should().Be(
                """{"success":false,"errors":["Couldn't find UserProfile with [WHERE \"user_profiles\".\"organisation_id\" = $1 AND \"user_profiles\".\"user_id\" = $2]"]}""");
        // A usager with an RDV to come in A stays: 422; a caller without a role in A: 403.
        using (var request = Delete("/api/v1/user_profiles", new { organisation_id = world.OrganisationA, user_id = world.UsagerA }))
            (await FailsAsync(admin.SendAsync(request), HttpStatusCode.UnprocessableEntity)).GetRawText().Should().Be(
                """{"success":false,"errors":{},"error_messages":["L'usager ou ses proches ont des rendez-vous programmés, vous ne pouvez pas le supprimer."]}""");
        using (var request = Delete("/api/v1/user_profiles", new { organisation_id = world.OrganisationA, user_id = world.UsagerA }))
            await FailsAsync(adminB.SendAsync(request), HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from usagers.user_profiles where user_id = @id", new { id = world.UsagerA })).Should().Be(1);
        // Detached from his last organisation, he is anonymised and disappears from the API.
        await NoContentAsync(admin.DeleteAsync($"/api/v1/user_profiles?organisation_id={world.OrganisationA}&user_id={id}"));
        (await ScalarAsync<string>("select last_name from usagers.users where id = @id", new { id })).Should().Be("supprimé");
        (await WebhookEventsAsync("user_profile", id, "destroyed")).Should().BeGreaterThan(0);
        (await FailsAsync(admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.NotFound)).GetRawText().Should().Be("""{"not_found":"user"}""");
    }

    [Test]
    public async Task Referent_assignations_are_added_and_removed()
    {
        var assigned = await OkAsync(admin.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { agent_id = world.SocialAgentA.Id, user_id = world.UsagerA })));
        assigned.ShouldHaveKeys("referent_assignation");
        var assignation = assigned.GetProperty("referent_assignation");
        assignation.ShouldHaveKeys("agent", "user");
        assignation.GetProperty("agent").ShouldHaveKeys(ApiTestKit.AgentKeys);
        assignation.GetProperty("agent").GetProperty("id").GetInt64().Should().Be(world.SocialAgentA.Id);
        assignation.GetProperty("user").GetProperty("id").GetInt64().Should().Be(world.UsagerA);
        (await WebhookEventsAsync("referent_assignation", world.UsagerA, "created")).Should().BeGreaterThan(0);

        (await FailsAsync(admin.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { agent_id = world.SocialAgentA.Id, user_id = world.UsagerA })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("user_id");
        (await FailsAsync(admin.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { agent_id = 987654321, user_id = world.UsagerA })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("agent");
        (await FailsAsync(admin.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { agent_id = world.SocialAgentA.Id, user_id = 987654321 })), HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("user");
        (await FailsAsync(admin.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { user_id = world.UsagerA })), HttpStatusCode.UnprocessableEntity))
            .GetRawText().Should().Be("""{"success":false,"errors":["param is missing or the value is empty: agent_id"]}""");
        // Organisation B's admin does not see usager A.
        await FailsAsync(adminB.PostAsync("/api/v1/referent_assignations", ApiTestKit.Json(new { agent_id = world.AdminB.Id, user_id = world.UsagerA })), HttpStatusCode.Forbidden);
        using (var request = Delete("/api/v1/referent_assignations", new { agent_id = world.SocialAgentA.Id, user_id = world.UsagerA }))
            await FailsAsync(adminB.SendAsync(request), HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from usagers.referent_assignations where user_id = @id", new { id = world.UsagerA })).Should().Be(1);

        using (var request = Delete("/api/v1/referent_assignations", new { agent_id = world.SocialAgentA.Id, user_id = world.UsagerA }))
            await NoContentAsync(admin.SendAsync(request));
        (await WebhookEventsAsync("referent_assignation", world.UsagerA, "destroyed")).Should().BeGreaterThan(0);
        using (var request = Delete("/api/v1/referent_assignations", new { agent_id = world.SocialAgentA.Id, user_id = world.UsagerA }))
            (await FailsAsync(admin.SendAsync(request), HttpStatusCode.NotFound)).GetProperty("success").GetBoolean().Should().BeFalse();
        (await ScalarAsync<long>("select count(*) from usagers.referent_assignations where user_id = @id", new { id = world.UsagerA })).Should().Be(0);
    }
}
