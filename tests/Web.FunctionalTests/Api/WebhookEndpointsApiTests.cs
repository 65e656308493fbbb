using System.Net;
using Dapper;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>
/// REFERENCE-API §2.20 through the same use cases as the admin pages: list (secret never returned),
/// create with the default subscriptions and a replay (§4.5) unless trigger is false, update, bad
/// subscriptions refused, other organisations and non-admins refused.
/// </summary>
[TestFixture]
public sealed class WebhookEndpointsApiTests
{
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

    private string Endpoints => $"/api/v1/organisations/{world.OrganisationA}/webhook_endpoints";

    [Test]
    public async Task An_admin_lists_creates_and_updates_endpoints_and_a_creation_replays_unless_trigger_is_false()
    {
        using var client = await factory.AgentClientAsync(world.AdminA.Email);
        var list = await (await client.GetAsync(Endpoints)).JsonBodyAsync();
        var only = list.GetProperty("webhook_endpoints").EnumerateArray().Single();
        only.EnumerateObject().Select(p => p.Name).Should().Equal("id", "organisation_id", "subscriptions", "target_url");
        list.GetProperty("meta").EnumerateObject().Select(p => p.Name).Should().Equal(ApiTestKit.MetaKeys);

        var quiet = await client.PostAsync(Endpoints, ApiTestKit.Json(new { target_url = "https://quiet.example.fr", secret = "s3cret", trigger = false }));
        quiet.StatusCode.Should().Be(HttpStatusCode.OK);
        var created = (await quiet.JsonBodyAsync()).GetProperty("webhook_endpoint");
        created.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetString()).Should().Equal("rdv", "absence", "plage_ouverture");
        (await CapturesForAsync(created.GetProperty("id").GetInt64())).Should().Be(0);

        var loud = await client.PostAsync(Endpoints, ApiTestKit.Json(new { target_url = "https://loud.example.fr", secret = "s3cret", subscriptions = new[] { "rdv", "organisation" } }));
        var loudId = (await loud.JsonBodyAsync()).GetProperty("webhook_endpoint").GetProperty("id").GetInt64();
        // The organisation and its RDV, queued for this endpoint only.
        (await CapturesForAsync(loudId)).Should().Be(2);

        var updated = await client.PatchAsync($"{Endpoints}/{loudId}", ApiTestKit.Json(new { target_url = "https://loud2.example.fr", trigger = false }));
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await updated.JsonBodyAsync()).GetProperty("webhook_endpoint").GetProperty("target_url").GetString().Should().Be("https://loud2.example.fr");
        (await CapturesForAsync(loudId)).Should().Be(2);

        var filtered = await (await client.GetAsync($"{Endpoints}?target_url=https://quiet.example.fr")).JsonBodyAsync();
        filtered.GetProperty("webhook_endpoints").GetArrayLength().Should().Be(1);
        (await (await client.GetAsync(Endpoints)).Content.ReadAsStringAsync()).Should().NotContain("s3cret");
    }

    [Test]
    public async Task Bad_subscriptions_and_foreign_or_non_admin_callers_are_refused()
    {
        using var admin = await factory.AgentClientAsync(world.AdminA.Email);
        var bad = await admin.PostAsync(Endpoints, ApiTestKit.Json(new { target_url = "https://bad.example.fr", secret = "s", subscriptions = new[] { "rdv", "webhook" } }));
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("abonnements choisis contient une ou plusieurs valeurs incorrectes");
        var noSecret = await admin.PostAsync(Endpoints, ApiTestKit.Json(new { target_url = "https://bad.example.fr" }));
        noSecret.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        using var basic = await factory.AgentClientAsync(world.PmiAgentA.Email);
        (await basic.PostAsync(Endpoints, ApiTestKit.Json(new { target_url = "https://x.example.fr", secret = "s" }))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var adminB = await factory.AgentClientAsync(world.AdminB.Email);
        (await adminB.GetAsync(Endpoints)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var moved = await adminB.PatchAsync($"/api/v1/organisations/{world.OrganisationB}/webhook_endpoints/{world.WebhookEndpointA}", ApiTestKit.Json(new { target_url = "https://pirate.example.fr" }));
        moved.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/v1/organisations/999999/webhook_endpoints")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("select count(*) from webhooks.endpoints where target_url in ('https://x.example.fr', 'https://pirate.example.fr', 'https://bad.example.fr')"))
            .Should().Be(0);
    }

    private static async Task<long> CapturesForAsync(long endpointId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("select count(*) from webhooks.captures where endpoint_id = @endpointId", new { endpointId });
    }
}
