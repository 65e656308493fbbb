using System.Net;
using FluentAssertions;
using Npgsql;
using RdvSP.Application.Identity.Common;
using RdvSP.TestKit;
using StackExchange.Redis;

namespace RdvSP.Web.FunctionalTests.Operations;

/// <summary>
/// Two web instances on one PostgreSQL and one Redis, as in production. A usager's cookie works on
/// both, survives a Redis flush (the data-protection keys and sessions live in PostgreSQL), and
/// dies everywhere at once when the session is ended: sign-out, password reset.
/// </summary>
[TestFixture]
public sealed class SessionsAcrossInstancesTests
{
    private const string Email = "camille.durand@exemple.fr";
    private RdvspWebFactory first = null!;
    private RdvspWebFactory second = null!;
    private HttpClient onFirst = null!;
    private HttpClient onSecond = null!;

    [SetUp]
    public async Task StartTwoInstances()
    {
        await TestDatabase.ResetAsync();
        first = new RdvspWebFactory();
        second = new RdvspWebFactory();
        var world = await new BookingWorld(first.Services).CreateOrganisationAsync();
        await world.AddUsagerAsync(Email);
        onFirst = CookieJar.ClientOf(first);
        onSecond = CookieJar.ClientOf(second);
    }

    [TearDown]
    public async Task StopInstances()
    {
        onFirst.Dispose();
        onSecond.Dispose();
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Test]
    public async Task RedisFlushed_SignedInUsagerStaysSignedInOnBothInstances_AndFormsPostAcrossInstances()
    {
        var browser = await SignInAsync(onFirst);
        (await browser.GetAsync(onSecond, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);

        await FlushRedisAsync();

        (await browser.GetAsync(onSecond, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK, "a Redis flush must sign nobody out");
        (await browser.GetAsync(onFirst, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A form rendered by one instance is accepted by the other (same keys for the antiforgery token).
        var signedOut = await browser.PostFormAsync(onFirst, "/users/informations", [], postUrl: "/users/sign_out", postClient: onSecond);
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.Should().Be("/");
        (await KeyCountAsync()).Should().BeGreaterThan(0, "the keys are in PostgreSQL");
    }

    [Test]
    public async Task SignOut_OldCopyOfTheCookieIsRefusedOnEveryInstance()
    {
        var browser = await SignInAsync(onFirst);
        var stolen = browser.Copy();
        // The other instance has the session cached as open before the sign-out.
        (await stolen.GetAsync(onSecond, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await browser.PostFormAsync(onFirst, "/users/rdvs", [], postUrl: "/users/sign_out")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        CookieJar.IsSignInRedirect(await stolen.GetAsync(onFirst, "/users/rdvs")).Should().BeTrue();
        CookieJar.IsSignInRedirect(await stolen.GetAsync(onSecond, "/users/rdvs")).Should().BeTrue();
        (await ScalarAsync<long>("select count(*) from identity.sessions where revoked_at is not null")).Should().Be(1);
    }

    [Test]
    public async Task PasswordReset_EndsEverySessionOfTheAccount_OnEveryInstance()
    {
        var laptop = await SignInAsync(onFirst);
        var phone = await SignInAsync(onSecond);
        (await laptop.GetAsync(onSecond, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (token, hash) = SecretToken.New();
        await ExecuteAsync(
            "update identity.usager_accounts set reset_token_hash = @hash, reset_token_expires_at = now() + interval '1 hour' where user_id = (select id from usagers.users where email = @email::citext)",
            ("hash", hash), ("email", Email));

        var anonymous = new CookieJar();
        var reset = await anonymous.PostFormAsync(onSecond, $"/users/password/edit?token={Uri.EscapeDataString(token)}",
            [new("Input.Token", token), new("Input.Password", "Nouveau-Secret-2027!")]);
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect, await reset.Content.ReadAsStringAsync());

        foreach (var (browser, client) in new[] { (laptop, onFirst), (laptop, onSecond), (phone, onFirst), (phone, onSecond) })
            CookieJar.IsSignInRedirect(await browser.GetAsync(client, "/users/rdvs")).Should().BeTrue();
        (await ScalarAsync<long>("select count(*) from identity.sessions where revoked_at is null")).Should().Be(0);
    }

    [Test]
    public async Task CookieWithoutServerSession_IsRefused()
    {
        var browser = await SignInAsync(onFirst);
        await ExecuteAsync("delete from identity.sessions");

        CookieJar.IsSignInRedirect(await browser.GetAsync(onSecond, "/users/rdvs")).Should().BeTrue();
    }

    private static async Task<CookieJar> SignInAsync(HttpClient client)
    {
        var jar = new CookieJar();
        var response = await jar.PostFormAsync(client, "/users/sign_in", [new("Input.Email", Email), new("Input.Password", BookingWorld.Password)]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        jar.Has("rdvsp.usager").Should().BeTrue();
        return jar;
    }

    private static async Task FlushRedisAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{TestRedis.ConnectionString},allowAdmin=true");
        await redis.GetServers()[0].FlushAllDatabasesAsync();
    }

    private static Task<long> KeyCountAsync() => ScalarAsync<long>("select count(*) from identity.data_protection_keys");

    private static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
