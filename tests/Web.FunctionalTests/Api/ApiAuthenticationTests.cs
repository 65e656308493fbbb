using System.Net;
using System.Text.Json;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>REFERENCE-API §1.2, §1.6, §1.8: token routes, one device per agent, the 401 bodies, CORS, the shared secret.</summary>
[TestFixture]
public sealed class ApiAuthenticationTests
{
    private const string Secret = "secret-partenaire-de-test";
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory().WithSetting("SHARED_SECRET_FOR_AGENTS_AUTH", Secret);
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [Test]
    public async Task Sign_in_returns_the_agent_and_the_auth_headers_which_then_authenticate_calls()
    {
        using var client = factory.CreateClient();
        var (response, credentials) = await ApiTestKit.SignInAsync(client, "  " + world.AdminA.Email.ToUpperInvariant() + " ");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        credentials!.Uid.Should().Be(world.AdminA.Email);
        response.Headers.GetValues("token-type").Single().Should().Be("Bearer");
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(credentials.Expiry, System.Globalization.CultureInfo.InvariantCulture));
        expiry.Should().BeAfter(DateTimeOffset.UtcNow.AddDays(13)).And.BeBefore(DateTimeOffset.UtcNow.AddDays(15));
        var bearer = response.Headers.GetValues("Authorization").Single();
        bearer.Should().StartWith("Bearer ");
        var data = (await response.JsonBodyAsync()).GetProperty("data");
        data.GetProperty("id").GetInt64().Should().Be(world.AdminA.Id);
        data.GetProperty("uid").GetString().Should().Be(world.AdminA.Email);
        data.GetProperty("provider").GetString().Should().Be("email");
        data.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "allow_password_change", "email", "first_name", "last_name", "provider", "uid");

        ApiTestKit.Authorize(client, credentials);
        var organisations = await client.GetAsync("/api/v1/organisations");
        organisations.StatusCode.Should().Be(HttpStatusCode.OK);
        organisations.Headers.GetValues("access-token").Single().Should().Be(credentials.AccessToken);
        organisations.Headers.GetValues("client").Single().Should().Be(credentials.Client);

        var validate = await client.GetAsync("/api/v1/auth/validate_token");
        validate.StatusCode.Should().Be(HttpStatusCode.OK);
        var validated = await validate.JsonBodyAsync();
        validated.GetProperty("success").GetBoolean().Should().BeTrue();
        validated.GetProperty("data").GetProperty("id").GetInt64().Should().Be(world.AdminA.Id);
    }

    [Test]
    public async Task A_wrong_password_or_unknown_email_is_a_401_with_the_devise_body_and_get_is_a_405()
    {
        using var client = factory.CreateClient();
        foreach (var (email, password) in new[] { (world.SocialAgentA.Email, "pas le bon"), ("personne@example.org", BackOfficeWorld.Password) })
        {
            var (response, _) = await ApiTestKit.SignInAsync(client, email, password);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync()).Should().Be("""{"success":false,"errors":["Mot de passe ou identifiant invalide."]}""");
        }
        var get = await client.GetAsync("/api/v1/auth/sign_in");
        get.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await get.Content.ReadAsStringAsync()).Should().Be("""{"success":false,"errors":["Utilisez POST /sign_in pour la connexion. GET n'est pas supporté."]}""");
    }

    [Test]
    public async Task Calls_without_or_with_bad_credentials_get_the_401_body()
    {
        using var client = factory.CreateClient();
        var anonymous = await client.GetAsync("/api/v1/organisations");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync()).Should().Be("""{"errors":["Vous devez vous connecter ou vous inscrire pour continuer."]}""");
        anonymous.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");

        var (_, credentials) = await ApiTestKit.SignInAsync(client, world.PmiAgentA.Email);
        ApiTestKit.Authorize(client, credentials! with { AccessToken = credentials.AccessToken + "x" });
        (await client.GetAsync("/api/v1/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var validate = await client.GetAsync("/api/v1/auth/validate_token");
        validate.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await validate.Content.ReadAsStringAsync()).Should().Be("""{"success":false,"errors":["Mot de passe ou identifiant invalide."]}""");
    }

    [Test]
    public async Task A_new_sign_in_evicts_the_previous_device_and_sign_out_deletes_the_token()
    {
        using var first = factory.CreateClient();
        using var second = factory.CreateClient();
        var (_, one) = await ApiTestKit.SignInAsync(first, world.SecretaryA.Email);
        ApiTestKit.Authorize(first, one!);
        (await first.GetAsync("/api/v1/agents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var (_, two) = await ApiTestKit.SignInAsync(second, world.SecretaryA.Email);
        ApiTestKit.Authorize(second, two!);
        (await first.GetAsync("/api/v1/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await second.GetAsync("/api/v1/agents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var signOut = await second.DeleteAsync("/api/v1/auth/sign_out");
        signOut.StatusCode.Should().Be(HttpStatusCode.OK);
        (await signOut.Content.ReadAsStringAsync()).Should().Be("""{"success":true}""");
        (await second.GetAsync("/api/v1/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = await second.DeleteAsync("/api/v1/auth/sign_out");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await again.Content.ReadAsStringAsync()).Should().Be("""{"success":false,"errors":["L'utilisateur est inconnu ou n'est pas connecté."]}""");
    }

    [Test]
    public async Task Tokens_are_stored_as_sha256_hashes_only()
    {
        using var client = factory.CreateClient();
        var (_, credentials) = await ApiTestKit.SignInAsync(client, world.AdminB.Email);
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"select token_hash from api.agent_tokens where agent_id = {world.AdminB.Id}", connection);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        stored.Should().NotContain(credentials!.AccessToken).And.Be(RdvSP.Application.Identity.Common.SecretToken.Hash(credentials.AccessToken));
    }

    [Test]
    public async Task Preflights_allow_any_origin_without_delete_and_expose_the_auth_headers()
    {
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/organisations");
        preflight.Headers.Add("Origin", "https://partenaire.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "access-token, client, uid");
        var response = await client.SendAsync(preflight);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().Should().Be("*");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().NotContain("DELETE").And.Contain("PATCH");

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
        get.Headers.Add("Origin", "https://partenaire.example.org");
        var simple = await client.SendAsync(get);
        simple.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',').Select(h => h.Trim())
            .Should().BeEquivalentTo("client", "uid", "access-token");
    }

    [Test]
    public async Task The_partner_signature_acts_as_the_agent_and_a_wrong_one_is_a_401()
    {
        using var client = factory.CreateClient();
        var agent = new RdvSP.Application.Api.Authentication.ApiAgent { Id = world.AdminA.Id, Email = world.AdminA.Email, FirstName = "Alice", LastName = world.AdminA.FullName["Alice ".Length..] };
        using var good = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
        good.Headers.Add("uid", world.AdminA.Email);
        good.Headers.Add("X-Agent-Auth-Signature", RdvSP.Web.Api.V1.ApiAuthenticationHandler.ExpectedSignature(Secret, agent));
        var ok = await client.SendAsync(good);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ok.JsonBodyAsync()).GetProperty("organisations")[0].GetProperty("id").GetInt64().Should().Be(world.OrganisationA);

        foreach (var (uid, signature) in new[] { (world.AdminA.Email, "00"), (world.AdminA.Email, ""), ("inconnu@example.org", "00") })
        {
            using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
            bad.Headers.Add("uid", uid);
            bad.Headers.Add("X-Agent-Auth-Signature", signature);
            var refused = await client.SendAsync(bad);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await refused.JsonBodyAsync()).GetProperty("errors")[0].GetString().Should().Be("Vous devez vous connecter ou vous inscrire pour continuer.");
        }
    }

    [Test]
    public void The_signature_is_the_hex_hmac_of_the_rails_json_of_the_agent()
    {
        var agent = new RdvSP.Application.Api.Authentication.ApiAgent { Id = 7, Email = "a&b@example.org", FirstName = "Zoé", LastName = null };
        var json = """{"id":7,"first_name":"Zoé","last_name":null,"email":"a\u0026b@example.org"}""";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("k"), System.Text.Encoding.UTF8.GetBytes(json)));
        RdvSP.Web.Api.V1.ApiAuthenticationHandler.ExpectedSignature("k", agent).Should().Be(expected);
    }
}
