using System.Net;
using Dapper;
using FluentAssertions;
using Npgsql;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.WebhookEndpoints;

/// <summary>
/// The webhook endpoints of the organisation settings (REFERENCE-API §4.1): admins list, add, edit
/// (the secret shown masked and kept when the mask comes back), delete and look at the deliveries;
/// bad input is refused in French and writes nothing; other agents are refused.
/// </summary>
[TestFixture]
public sealed class WebhookEndpointPagesTests
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

    private string Endpoints => $"/admin/organisations/{world.OrganisationA}/webhook_endpoints";

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Test]
    public async Task An_admin_adds_edits_keeping_the_masked_secret_and_deletes_an_endpoint()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var list = await client.GetTextAsync(Endpoints);
        list.Should().Contain($"http://127.0.0.1:9/webhooks/").And.Contain("********************pha").And.NotContain(BackOfficeWorld.WebhookSecretA);

        var created = await client.PostFormAsync($"{Endpoints}/new",
            [F("Input.TargetUrl", "https://partenaire.example.fr/hook"), F("Input.Secret", "un-secret-tres-long"),
             F("Input.Subscriptions", "rdv"), F("Input.Subscriptions", "user")]);
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var endpoint = await RowAsync("https://partenaire.example.fr/hook");
        endpoint.Should().Be(("un-secret-tres-long", "{rdv,user}"));
        var id = await IdAsync("https://partenaire.example.fr/hook");

        var edit = await client.GetTextAsync($"{Endpoints}/{id}/edit");
        edit.Should().Contain("value=\"****************ong\"").And.NotContain("un-secret-tres-long");
        var kept = await client.PostFormAsync($"{Endpoints}/{id}/edit",
            [F("Input.TargetUrl", "https://partenaire.example.fr/hook2"), F("Input.Secret", "****************ong"), F("Input.Subscriptions", "absence")]);
        kept.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await RowAsync("https://partenaire.example.fr/hook2")).Should().Be(("un-secret-tres-long", "{absence}"));

        await client.PostFormAsync($"{Endpoints}/{id}/edit",
            [F("Input.TargetUrl", "https://partenaire.example.fr/hook2"), F("Input.Secret", "nouveau-secret"), F("Input.Subscriptions", "absence")]);
        (await RowAsync("https://partenaire.example.fr/hook2")).Secret.Should().Be("nouveau-secret");

        (await client.GetAsync($"{Endpoints}/{id}/deliveries")).StatusCode.Should().Be(HttpStatusCode.OK);
        var deleted = await client.PostFormAsync($"{Endpoints}/{id}/edit", [], postUrl: $"{Endpoints}/{id}/edit?handler=Delete");
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync("https://partenaire.example.fr/hook2")).Should().Be(0);
    }

    [Test]
    public async Task Bad_input_is_refused_in_french_and_writes_nothing()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var before = await CountAsync(null);

        var empty = await client.PostFormAsync($"{Endpoints}/new", [F("Input.TargetUrl", ""), F("Input.Secret", "")]);
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await empty.ReadTextAsync()).Should().Contain("URL cible doit être renseignée").And.Contain("Le secret doit être renseigné");

        var unknown = await client.PostFormAsync($"{Endpoints}/new",
            [F("Input.TargetUrl", "https://x.example.fr"), F("Input.Secret", "s3cret"), F("Input.Subscriptions", "webhook_endpoint")]);
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.ReadTextAsync()).Should().Contain("abonnements choisis contient une ou plusieurs valeurs incorrectes");

        var longUrl = await client.PostFormAsync($"{Endpoints}/new", [F("Input.TargetUrl", "https://x.example.fr/" + new string('a', 2100)), F("Input.Secret", "s")]);
        longUrl.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var taken = await client.PostFormAsync($"{Endpoints}/new",
            [F("Input.TargetUrl", $"http://127.0.0.1:9/webhooks/{await WorldUrlSuffixAsync()}"), F("Input.Secret", "s3cret")]);
        taken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await taken.ReadTextAsync()).Should().Contain("Cette URL est déjà utilisée");

        var clearedSecret = await client.PostFormAsync($"{Endpoints}/{world.WebhookEndpointA}/edit", [F("Input.TargetUrl", "https://y.example.fr"), F("Input.Secret", "")]);
        clearedSecret.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await CountAsync(null)).Should().Be(before);
        (await RowAsync($"http://127.0.0.1:9/webhooks/{await WorldUrlSuffixAsync()}")).Secret.Should().Be(BackOfficeWorld.WebhookSecretA);
    }

    [Test]
    public async Task Only_the_organisations_admins_see_the_endpoints()
    {
        using var basic = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (await basic.GetAsync(Endpoints)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await basic.GetAsync($"{Endpoints}/{world.WebhookEndpointA}/deliveries")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await basic.GetTextAsync($"/admin/organisations/{world.OrganisationA}/users")).Should().NotContain("webhook_endpoints");

        using var adminB = await factory.SignedInAgentAsync(world.AdminB.Email);
        // An admin of B names A's endpoint under his own organisation: refused, not shown.
        (await adminB.GetAsync($"/admin/organisations/{world.OrganisationB}/webhook_endpoints/{world.WebhookEndpointA}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var delete = await adminB.PostFormAsync($"/admin/organisations/{world.OrganisationB}/webhook_endpoints", [],
            postUrl: $"/admin/organisations/{world.OrganisationB}/webhook_endpoints/{world.WebhookEndpointA}/edit?handler=Delete");
        delete.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync(null)).Should().BeGreaterThan(0);

        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        (await admin.GetTextAsync($"/admin/organisations/{world.OrganisationA}/users")).Should().Contain($"{Endpoints}\"");
    }

    private async Task<string> WorldUrlSuffixAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var url = await connection.ExecuteScalarAsync<string>("select target_url from webhooks.endpoints where id = @id", new { id = world.WebhookEndpointA });
        return url![(url!.LastIndexOf('/') + 1)..];
    }

    private static async Task<(string Secret, string Subscriptions)> RowAsync(string url)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var row = await connection.QuerySingleAsync<EndpointRow>("select secret, subscriptions::text as subscriptions from webhooks.endpoints where target_url = @url", new { url });
        return (row.Secret, row.Subscriptions);
    }

    private static async Task<long> IdAsync(string url)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("select id from webhooks.endpoints where target_url = @url", new { url });
    }

    private static async Task<long> CountAsync(string? url)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("select count(*) from webhooks.endpoints where @url::text is null or target_url = @url", new { url });
    }

    private sealed class EndpointRow
    {
        public string Secret { get; init; } = "";
        public string Subscriptions { get; init; } = "";
    }
}
