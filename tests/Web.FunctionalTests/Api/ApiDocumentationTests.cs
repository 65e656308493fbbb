using System.Net;
using System.Text.Json;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>The OpenAPI document generated from the endpoints, and the French page that renders it with a local script.</summary>
[TestFixture]
public sealed class ApiDocumentationTests
{
    private RdvspWebFactory factory = null!;

    [OneTimeSetUp]
    public void Start() => factory = new RdvspWebFactory();

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [Test]
    public async Task The_openapi_document_lists_the_api_v1_operations_only()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api-docs/v1/openapi.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/auth/sign_in", "/api/v1/organisations", "/api/v1/organisations/{organisation_id}/rdvs", "/api/v1/participations/{id}"]);
        paths.Should().OnlyContain(p => p.StartsWith("/api/v1/", StringComparison.Ordinal));
        document.RootElement.GetProperty("paths").GetProperty("/api/v1/participations/{id}").EnumerateObject().Select(o => o.Name)
            .Should().Contain(["patch", "put"]);
        document.RootElement.GetProperty("info").GetProperty("title").GetString().Should().Be("API v1 RDV Service Public");
    }

    [Test]
    public async Task The_write_endpoints_and_the_parameters_are_described()
    {
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api-docs/v1/openapi.json"));
        var paths = document.RootElement.GetProperty("paths");
        JsonElement Operation(string path, string verb) => paths.GetProperty(path).GetProperty(verb);
        IEnumerable<string> BodyFields(string path, string verb) => Operation(path, verb).GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        IEnumerable<string> QueryParameters(string path, string verb) => Operation(path, verb).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!);

        BodyFields("/api/v1/absences", "post").Should().Equal("agent_id", "agent_email", "title", "first_day", "start_time", "end_day", "end_time");
        BodyFields("/api/v1/absences/{id}", "patch").Should().Contain(["title", "first_day", "end_time"]);
        Operation("/api/v1/absences/{id}", "delete").GetProperty("summary").GetString().Should().StartWith("Supprimer une absence");
        var userFields = BodyFields("/api/v1/users", "post").ToList();
        userFields.Should().Contain(["organisation_ids", "first_name", "last_name", "caisse_affiliation", "referent_agent_ids"]);
        Operation("/api/v1/users", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("organisation_ids");
        BodyFields("/api/v1/users/{id}", "put").Should().Contain("organisation_ids");
        paths.GetProperty("/api/v1/users/{id}/rdv_invitation_token").GetProperty("post").GetProperty("summary").GetString().Should().Contain("Jeton d'invitation");
        QueryParameters("/api/v1/user_profiles", "delete").Should().Equal("organisation_id", "user_id");
        BodyFields("/api/v1/user_profiles", "post").Should().Equal("organisation_id", "user_id");
        BodyFields("/api/v1/referent_assignations", "post").Should().Equal("agent_id", "user_id");
        QueryParameters("/api/v1/referent_assignations", "delete").Should().Equal("agent_id", "user_id");
        // The read endpoints' query parameters.
        QueryParameters("/api/v1/organisations/{organisation_id}/rdvs", "get").Should().Contain(["page", "starts_after", "starts_before"]);
        QueryParameters("/api/v1/organisations/{organisation_id}/motifs", "get").Should().Contain(["active", "bookable_publicly", "service_id", "motif_category_short_name"]);
        QueryParameters("/api/v1/users", "get").Should().Contain(["page", "ids[]"]);
        QueryParameters("/api/v1/organisations", "get").Should().Contain(["city_code", "street_ban_id"]);
        QueryParameters("/api/v1/public_links", "get").Should().Equal("territory");
        BodyFields("/api/v1/participations/{id}", "patch").Should().Equal("status");
        BodyFields("/api/v1/organisations/{organisation_id}/webhook_endpoints", "post").Should().Equal("target_url", "secret", "subscriptions", "trigger");
    }

    [Test]
    public async Task The_documentation_page_is_french_and_loads_its_own_script()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var entry = await client.GetAsync("/api-docs");
        entry.StatusCode.Should().Be(HttpStatusCode.Redirect);
        entry.Headers.Location!.OriginalString.Should().Be("/api-docs/index.html");
        var page = await client.GetAsync("/api-docs/index.html");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<html lang=\"fr\">").And.Contain("<script src=\"/api-docs/api-docs.js\"></script>").And.NotContain("https://");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
        (await client.GetAsync("/api-docs/api-docs.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
