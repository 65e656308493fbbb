using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>
/// The API's edges: an organisation-B agent gets nothing of organisation A through any /api/v1 route
/// (driven by the app's route table, so a new route without a test value fails), malformed requests
/// are 4xx JSON in the contract's shapes and never 500, and the public links' 429.
/// </summary>
[TestFixture]
public sealed class ApiBoundaryTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private HttpClient adminA = null!;
    private HttpClient adminB = null!;
    private long participationA;
    private long participationB;
    private long absenceB;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        adminA = await factory.AgentClientAsync(world.AdminA.Email);
        adminB = await factory.AgentClientAsync(world.AdminB.Email);
        participationA = await ParticipationOfAsync(adminA, world.OrganisationA);
        participationB = await ParticipationOfAsync(adminB, world.OrganisationB);
        var absence = await (await adminB.PostAsync("/api/v1/absences", ApiTestKit.Json(new
        {
            agent_id = world.AdminB.Id, title = "Absence B", first_day = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"), start_time = "9:00", end_time = "10:00",
        }))).JsonBodyAsync();
        absenceB = absence.GetProperty("absence").GetProperty("id").GetInt64();
    }

    private static async Task<long> ParticipationOfAsync(HttpClient client, long organisationId)
    {
        var body = await (await client.GetAsync($"/api/v1/organisations/{organisationId}/rdvs")).JsonBodyAsync();
        return body.GetProperty("rdvs")[0].GetProperty("participations")[0].GetProperty("id").GetInt64();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        adminA.Dispose();
        adminB.Dispose();
        await factory.DisposeAsync();
    }

    /// <summary>Organisation A's value for each route (routes differ in what {id} names).</summary>
    private Dictionary<string, string> RouteValuesOfA() => new()
    {
        ["/api/v1/organisations/{organisation_id}"] = $"/api/v1/organisations/{world.OrganisationA}",
        ["/api/v1/organisations/{organisation_id}/motifs"] = $"/api/v1/organisations/{world.OrganisationA}/motifs",
        ["/api/v1/organisations/{organisation_id}/rdvs"] = $"/api/v1/organisations/{world.OrganisationA}/rdvs",
        ["/api/v1/organisations/{organisation_id}/users"] = $"/api/v1/organisations/{world.OrganisationA}/users",
        ["/api/v1/organisations/{organisation_id}/users/{id}"] = $"/api/v1/organisations/{world.OrganisationA}/users/{world.UsagerA}",
        ["/api/v1/users/{id}"] = $"/api/v1/users/{world.UsagerA}",
        ["/api/v1/absences/{id}"] = $"/api/v1/absences/{world.AbsencePmiAgentA}",
        ["/api/v1/participations/{id}"] = $"/api/v1/participations/{participationA}",
        ["/api/v1/organisations"] = "/api/v1/organisations",
        ["/api/v1/users"] = $"/api/v1/users?ids[]={world.UsagerA}",
        ["/api/v1/agents"] = $"/api/v1/agents?organisation_id={world.OrganisationA}",
        ["/api/v1/absences"] = "/api/v1/absences",
        ["/api/v1/organisations/{organisation_id}/webhook_endpoints"] = $"/api/v1/organisations/{world.OrganisationA}/webhook_endpoints",
        ["/api/v1/organisations/{organisation_id}/webhook_endpoints/{id}"] = $"/api/v1/organisations/{world.OrganisationA}/webhook_endpoints/{world.WebhookEndpointA}",
        ["/api/v1/users/{id}/rdv_invitation_token"] = $"/api/v1/users/{world.UsagerA}/rdv_invitation_token",
        ["/api/v1/user_profiles"] = $"/api/v1/user_profiles?organisation_id={world.OrganisationA}&user_id={world.UsagerA}",
        ["/api/v1/referent_assignations"] = $"/api/v1/referent_assignations?agent_id={world.PmiAgentA.Id}&user_id={world.UsagerA}",
    };

    /// <summary>
    /// The body each write route gets, aimed at organisation A's records (its ids are in the path or the
    /// query): a well-formed request that must be refused for who is not of organisation A.
    /// </summary>
    private Dictionary<string, object> BodiesOfA() => new()
    {
        ["/api/v1/absences"] = new { agent_id = world.PmiAgentA.Id, title = "Piratée", first_day = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), start_time = "9:00", end_time = "10:00" },
        ["/api/v1/absences/{id}"] = new { title = "Piratée" },
        ["/api/v1/users"] = new { organisation_ids = new[] { world.OrganisationA }, first_name = "Piratée", last_name = "Piratée" },
        ["/api/v1/users/{id}"] = new { first_name = "Piratée", organisation_ids = new[] { world.OrganisationB } },
        ["/api/v1/users/{id}/rdv_invitation_token"] = new { },
        ["/api/v1/user_profiles"] = new { },
        ["/api/v1/referent_assignations"] = new { },
    };

    /// <summary>Routes that are not the agents' data (auth, public endpoints).</summary>
    private static readonly string[] NotAgentData =
    [
        "/api/v1/auth/sign_in", "/api/v1/auth/validate_token", "/api/v1/auth/sign_out", "/api/v1/public_links",
        "/api/v1/jours_feries", "/api/v1/adresses",
    ];

    [Test]
    public async Task An_organisation_b_agent_gets_nothing_of_organisation_a_through_any_route()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true && !NotAgentData.Contains(e.RoutePattern.RawText))
            .Select(e => (Pattern: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
        routes.Should().NotBeEmpty();
        var values = RouteValuesOfA();
        var bodies = BodiesOfA();
        var before = await StateOfAAsync();
        var organisationAName = await OrganisationNameAsync(world.OrganisationA);
        foreach ((string pattern, IReadOnlyList<string> methods) in routes)
        {
            values.Should().ContainKey(pattern, $"route {pattern} needs a test value of organisation A");
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), values[pattern]);
                if (method is "PATCH" or "PUT" or "POST") request.Content = ApiTestKit.Json(bodies.GetValueOrDefault(pattern) ?? new { status = "seen", name = "Piratée" });
                var response = await adminB.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (method != "GET") status.Should().BeInRange(400, 499, $"{method} {pattern}");
                else status.Should().BeOneOf([200, 403, 404], $"{method} {pattern}");
                body.Should().NotContain(world.UsagerALastName, $"{method} {pattern}").And.NotContain(BackOfficeWorld.PmiRdvMarker, $"{method} {pattern}")
                    .And.NotContain(organisationAName, $"{method} {pattern}").And.NotContain("Formation", $"{method} {pattern}");
            }
        }
        (await OrganisationNameAsync(world.OrganisationA)).Should().Be(organisationAName);
        (await StateOfAAsync()).Should().Be(before);
    }

    /// <summary>What organisation A's writes could change: its absences, usagers, profiles, référents, tokens.</summary>
    private static async Task<string> StateOfAAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, """
            select concat_ws('|',
                (select string_agg(concat_ws(',', id, title, first_day, start_time, end_day, end_time), ';' order by id) from availability.absences),
                (select string_agg(concat_ws(',', id, first_name, last_name, rdv_invitation_token, deleted_at), ';' order by id) from usagers.users),
                (select string_agg(concat_ws(',', user_id, organisation_id), ';' order by user_id, organisation_id) from usagers.user_profiles),
                (select string_agg(concat_ws(',', user_id, agent_id), ';' order by user_id, agent_id) from usagers.referent_assignations))
            """) ?? "";
    }

    private async Task<string> OrganisationNameAsync(long id)
    {
        var body = await (await adminA.GetAsync($"/api/v1/organisations/{id}")).JsonBodyAsync();
        return body.GetProperty("organisation").GetProperty("name").GetString()!;
    }

    /// <summary>A malformed request: method, path (with {A}, {B}, {UB}, {PA}, {PB} placeholders), body, content type.</summary>
    public sealed record Malformed(string Method, string Path, string? Body = null, string ContentType = "application/json", bool Anonymous = false)
    {
        public override string ToString() => $"{Method} {Path} {Body} ({ContentType})";
    }

    private static IEnumerable<Malformed> MalformedRequests()
    {
        string[] lists = ["/api/v1/organisations", "/api/v1/organisations/{A}/motifs", "/api/v1/organisations/{A}/rdvs", "/api/v1/organisations/{A}/users",
            "/api/v1/users", "/api/v1/agents", "/api/v1/absences"];
        foreach (var list in lists)
            foreach (var page in new[] { "10001", "99999999999", "-99999999999", "123456789012345678901234567890" })
                yield return new("GET", $"{list}?page={page}");
        foreach (var value in new[] { "maybe", "2", "yes", "%00", "1&active=0&active=1" })
        {
            yield return new("GET", $"/api/v1/organisations/{{A}}/motifs?active={value}");
            yield return new("GET", $"/api/v1/organisations/{{A}}/motifs?bookable_publicly={value}");
        }
        foreach (var value in new[] { "abc", "-1", "0", "1.5", "99999999999999999999", "1e3" })
        {
            yield return new("GET", $"/api/v1/organisations/{{A}}/motifs?service_id={value}");
            yield return new("GET", $"/api/v1/users?ids[]={value}");
            yield return new("GET", $"/api/v1/agents?organisation_id={value}");
        }
        foreach (var value in new[] { "2020-13-01", "2020-02-30", "notadate", "2020-01-01T25:00", "99999-01-01", "1800-01-01", "2020-01-01T10:00:00%2B25:00", "%01", "2020-01-01&starts_after=2020-01-02&starts_before=2020-01-03" })
        {
            yield return new("GET", $"/api/v1/organisations/{{A}}/rdvs?starts_after={value}");
            yield return new("GET", $"/api/v1/organisations/{{A}}/rdvs?starts_before={value}");
        }
        yield return new("GET", "/api/v1/organisations?city_code=%01");
        yield return new("GET", "/api/v1/organisations?city_code=12345678901");
        yield return new("GET", $"/api/v1/organisations?street_ban_id={new string('1', 60)}");
        yield return new("GET", $"/api/v1/users?{string.Join('&', Enumerable.Range(1, 101).Select(i => $"ids[]={i}"))}");
        foreach (var id in new[] { "abc", "0", "-1", "99999999999999999999", "987654321" })
        {
            yield return new("GET", $"/api/v1/organisations/{id}");
            yield return new("GET", $"/api/v1/organisations/{id}/motifs");
            yield return new("GET", $"/api/v1/organisations/{id}/users");
            yield return new("GET", $"/api/v1/users/{id}");
            yield return new("GET", $"/api/v1/absences/{id}");
            yield return new("GET", $"/api/v1/organisations/{{A}}/users/{id}");
            yield return new("PATCH", $"/api/v1/participations/{id}", """{"status":"seen"}""");
            yield return new("PATCH", $"/api/v1/organisations/{id}", """{"email":"a@example.org"}""");
        }
        // Other organisations' ids (the caller is organisation A's admin).
        yield return new("GET", "/api/v1/organisations/{B}");
        yield return new("GET", "/api/v1/organisations/{B}/motifs");
        yield return new("GET", "/api/v1/organisations/{B}/users");
        yield return new("GET", "/api/v1/organisations/{B}/users/{UB}");
        yield return new("GET", "/api/v1/organisations/{A}/users/{UB}");
        yield return new("GET", "/api/v1/users/{UB}");
        yield return new("PATCH", "/api/v1/organisations/{B}", """{"name":"Piratée"}""");
        yield return new("PUT", "/api/v1/participations/{PB}", """{"status":"seen"}""");
        foreach (var verb in new[] { "PATCH", "PUT" })
        {
            foreach (var body in new[]
            {
                "{", "[1,2]", "\"texte\"", "{\"name\":", "nul", "{\"name\":\"a\"}}", "42", "{\"foo\":1}", "{\"name\":\"\"}", "{\"name\":\"   \"}",
                "{\"name\":[\"a\",\"b\"]}", "{\"name\":{\"x\":1}}", "{\"verticale\":\"rdv_bidon\"}", "{\"verticale\":1}", "{\"phone_number\":\"abc\"}",
                "{\"phone_number\":\"12\"}", "{\"email\":\"pas-un-email\"}", "{\"email\":\"a@\"}", $"{{\"name\":\"{new string('n', 300)}\"}}",
                "{\"name\":\"a\\u0001b\"}", "{\"name\":[[1]]}", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}",
            })
                yield return new(verb, "/api/v1/organisations/{A}", body);
            yield return new(verb, "/api/v1/organisations/{A}", "name=x", "text/plain");
            yield return new(verb, "/api/v1/organisations/{A}", "<name>x</name>", "application/xml");
            foreach (var body in new[] { "{\"status\":\"annule\"}", "{}", "{\"participation\":{}}", "{\"status\":1}", "{\"status\":null}", "{\"status\":[\"seen\"]}",
                "{\"status\":", "{\"status\":\"seen\",\"foo\":1}", "{\"participation\":{\"status\":\"SEEN\"}}" })
                yield return new(verb, "/api/v1/participations/{PA}", body);
            yield return new(verb, "/api/v1/participations/{PA}", "status=seen", "text/csv");
        }
        foreach (var body in new[]
        {
            "{", "[]", "{\"agent_id\":\"abc\",\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2030-02-30\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"25:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"8h\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"11:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"1999-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2099-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":[\"X\"],\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{A_AGENT},\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\",\"recurrence\":\"{}\"}",
            "{\"agent_id\":987654321,\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_email\":\"inconnu@example.org\",\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
            "{\"agent_id\":{B_AGENT},\"title\":\"X\",\"first_day\":\"2030-01-01\",\"start_time\":\"9:00\",\"end_time\":\"10:00\"}",
        })
            yield return new("POST", "/api/v1/absences", body);
        yield return new("POST", "/api/v1/absences", "title=X", "text/plain");
        foreach (var verb in new[] { "PATCH", "PUT" })
            foreach (var body in new[] { "{\"first_day\":\"demain\"}", "{\"end_time\":\"00:00\"}", "{\"title\":\"\"}", "{\"agent_id\":1}", "{\"end_day\":\"2030-13-01\"}", "{" })
                yield return new(verb, "/api/v1/absences/{ABS}", body);
        foreach (var id in new[] { "abc", "0", "987654321" })
        {
            yield return new("PATCH", $"/api/v1/absences/{id}", "{\"title\":\"X\"}");
            yield return new("DELETE", $"/api/v1/absences/{id}");
            yield return new("PATCH", $"/api/v1/users/{id}", "{\"first_name\":\"X\"}");
            yield return new("POST", $"/api/v1/users/{id}/rdv_invitation_token");
        }
        yield return new("DELETE", "/api/v1/absences/{ABSB}");
        yield return new("PATCH", "/api/v1/absences/{ABSB}", "{\"title\":\"X\"}");
        foreach (var body in new[]
        {
            "{\"first_name\":\"A\",\"last_name\":\"B\"}", "{\"organisation_ids\":[],\"first_name\":\"A\",\"last_name\":\"B\"}",
            "{\"organisation_ids\":\"abc\",\"first_name\":\"A\",\"last_name\":\"B\"}", "{\"organisation_ids\":[{A}],\"last_name\":\"B\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"caisse_affiliation\":\"aucun\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"family_situation\":\"married\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"number_of_children\":\"deux\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"number_of_children\":-1}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"birth_date\":\"1800-01-01\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"birth_date\":\"20/07/1985\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"pas-un-email\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"phone_number\":\"12\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"notify_by_sms\":\"peut-être\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"responsible_id\":\"x\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"responsible_id\":{UB}}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"referent_agent_ids\":[{B_AGENT}]}",
            "{\"organisation_ids\":[{B}],\"first_name\":\"A\",\"last_name\":\"B\"}",
            "{\"organisation_ids\":[987654321],\"first_name\":\"A\",\"last_name\":\"B\"}",
            "{\"organisation_ids\":[{A}],\"first_name\":\"A\",\"last_name\":\"B\",\"inconnu\":1}",
            "{\"organisation_ids\":[{A}],\"first_name\":{\"x\":1},\"last_name\":\"B\"}", "{\"organisation_ids\":[[1]]}", "{",
        })
            yield return new("POST", "/api/v1/users", body);
        foreach (var verb in new[] { "PATCH", "PUT" })
        {
            foreach (var body in new[] { "{\"first_name\":\"\"}", "{\"birth_date\":\"2999-01-01\"}", "{\"caisse_affiliation\":\"CAF\"}", "{\"organisation_ids\":[]}",
                "{\"organisation_ids\":[{B}]}", "{\"responsible_id\":{UA}}", "{\"email\":\"a@\"}", "{\"foo\":\"bar\"}" })
                yield return new(verb, "/api/v1/users/{UA}", body);
            yield return new(verb, "/api/v1/users/{UB}", "{\"first_name\":\"X\"}");
        }
        yield return new("POST", "/api/v1/users/{UB}/rdv_invitation_token");
        yield return new("POST", "/api/v1/users/{UA}/rdv_invitation_token", "{\"x\":1}");
        foreach (var route in new[] { "/api/v1/user_profiles", "/api/v1/referent_assignations" })
        {
            yield return new("POST", route, "{}");
            yield return new("DELETE", route, "{}");
            yield return new("POST", route, "{\"user_id\":\"abc\",\"organisation_id\":{A},\"agent_id\":{A_AGENT}}");
            yield return new("DELETE", route, "{\"user_id\":[1,2],\"organisation_id\":{A},\"agent_id\":{A_AGENT}}");
        }
        yield return new("POST", "/api/v1/user_profiles", "{\"organisation_id\":{B},\"user_id\":{UA}}");
        yield return new("POST", "/api/v1/user_profiles", "{\"organisation_id\":{A},\"user_id\":{UA}}");
        yield return new("POST", "/api/v1/user_profiles", "{\"organisation_id\":{A},\"user_id\":987654321}");
        yield return new("DELETE", "/api/v1/user_profiles", "{\"organisation_id\":{B},\"user_id\":{UB}}");
        yield return new("DELETE", "/api/v1/user_profiles", "{\"organisation_id\":{A},\"user_id\":{UB}}");
        yield return new("DELETE", "/api/v1/user_profiles", "{\"organisation_id\":987654321,\"user_id\":{UA}}");
        yield return new("POST", "/api/v1/referent_assignations", "{\"agent_id\":987654321,\"user_id\":{UA}}");
        yield return new("POST", "/api/v1/referent_assignations", "{\"agent_id\":{A_AGENT},\"user_id\":987654321}");
        yield return new("POST", "/api/v1/referent_assignations", "{\"agent_id\":{A_AGENT},\"user_id\":{UB}}");
        yield return new("DELETE", "/api/v1/referent_assignations", "{\"agent_id\":{A_AGENT},\"user_id\":{UB}}");
        yield return new("DELETE", "/api/v1/referent_assignations", "{\"agent_id\":{B_AGENT},\"user_id\":{UA}}");
        yield return new("GET", "/api/v1/public_links", Anonymous: true);
        yield return new("GET", "/api/v1/public_links?territory=", Anonymous: true);
        yield return new("GET", "/api/v1/public_links?territory=ZZZ", Anonymous: true);
        yield return new("GET", "/api/v1/public_links?territory=%01", Anonymous: true);
        yield return new("GET", "/api/v1/public_links?territory=12345678901", Anonymous: true);
        yield return new("POST", "/api/v1/auth/sign_in", "{", Anonymous: true);
        yield return new("POST", "/api/v1/auth/sign_in", "email=a", "text/plain", Anonymous: true);
        yield return new("POST", "/api/v1/auth/sign_in", $"{{\"email\":\"{new string('e', 400)}\",\"password\":\"x\"}}", Anonymous: true);
        yield return new("POST", "/api/v1/auth/sign_in", "{\"email\":[\"a\"],\"password\":\"x\"}", Anonymous: true);
        yield return new("GET", "/api/v1/organisations", Anonymous: true);
        yield return new("DELETE", "/api/v1/auth/sign_out", Anonymous: true);
    }

    [Test]
    public void There_are_at_least_150_malformed_requests() => MalformedRequests().Count().Should().BeGreaterThanOrEqualTo(150);

    [TestCaseSource(nameof(MalformedRequests))]
    public async Task A_malformed_request_is_a_4xx_in_the_contract_shape(Malformed malformed)
    {
        var path = malformed.Path.Replace("{A}", world.OrganisationA.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{B}", world.OrganisationB.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{UB}", world.UsagerB.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{PA}", participationA.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{PB}", participationB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        path = Placeholders(path);
        var content = malformed.Body is null ? null : Placeholders(malformed.Body);
        using var anonymous = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(malformed.Method), path);
        if (content is not null) request.Content = ApiTestKit.Raw(content, malformed.ContentType);
        var response = await (malformed.Anonymous ? anonymous : adminA).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeInRange(400, 499, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", body);
        using var document = JsonDocument.Parse(body);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        keys.Should().Match(k => k.Contains("errors") || k.SequenceEqual(new[] { "not_found" }) || k.SequenceEqual(new[] { "missing" }), body);
        if (keys.Contains("error_messages") && document.RootElement.GetProperty("errors").ValueKind == JsonValueKind.Object)
            document.RootElement.GetProperty("errors").EnumerateObject().Should().NotBeEmpty(body);
    }

    /// <summary>The write routes' placeholders: {A}, {B} organisations, {UA}, {UB} usagers, {A_AGENT}, {B_AGENT} agents, {ABS}, {ABSB} absences.</summary>
    private string Placeholders(string text) => text
        .Replace("{A}", Invariant(world.OrganisationA)).Replace("{B}", Invariant(world.OrganisationB))
        .Replace("{UA}", Invariant(world.UsagerA)).Replace("{UB}", Invariant(world.UsagerB))
        .Replace("{A_AGENT}", Invariant(world.PmiAgentA.Id)).Replace("{B_AGENT}", Invariant(world.AdminB.Id))
        .Replace("{ABSB}", Invariant(absenceB)).Replace("{ABS}", Invariant(world.AbsencePmiAgentA));

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Public_links_answer_429_with_the_reference_headers_past_their_limit()
    {
        await using var limited = new RdvspWebFactory().WithSetting("RATE_LIMIT_PUBLIC_LINKS_PER_MINUTE", "2");
        using var client = limited.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++) last = await client.GetAsync("/public_api/public_links?territory=26");
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Content.Headers.ContentType!.ToString().Should().Be("application/json");
        last.Headers.GetValues("RateLimit-Limit").Single().Should().Be("2");
        last.Headers.GetValues("RateLimit-Remaining").Single().Should().Be("0");
        int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
        (await last.Content.ReadAsStringAsync()).Should().Be("""{"errors":["Limite d'appels API atteinte. Merci de patienter.\n"]}""");
    }
}
