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
