using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Caching;
using RdvSP.TestKit;
using StackExchange.Redis.Profiling;

namespace RdvSP.Web.FunctionalTests.Operations;

/// <summary>
/// Redis holds nothing a page cannot do without. Anonymous pages send it no command at all (counted
/// with the client's own profiler, not with timings), and signed-in pages keep working, from
/// PostgreSQL, while Redis is down.
/// </summary>
[TestFixture]
public sealed class RedisIsAnAcceleratorTests
{
    private static readonly string[] AnonymousPages =
    [
        "/", "/health/live", "/prendre_rdv", "/prendre_rdv?departement=26", "/users/sign_in", "/users/sign_up",
        "/users/password/new", "/org/1", "/page-qui-n-existe-pas",
    ];

    // What the client sends on its own to keep the connection alive or learn the server.
    private static readonly HashSet<string> ConnectionHousekeeping = ["PING", "ECHO", "INFO", "CLIENT", "CLUSTER", "CONFIG", "SUBSCRIBE", "UNSUBSCRIBE", "SELECT", "HELLO", "AUTH", "GET"];

    [SetUp]
    public Task Reset() => TestDatabase.ResetAsync();

    [Test]
    public async Task AnonymousPages_SendNoCommandToRedis_WhileASignedInPageDoes()
    {
        await using var factory = new RdvspWebFactory();
        var world = await new BookingWorld(factory.Services).CreateOrganisationAsync();
        await world.AddUsagerAsync("camille.durand@exemple.fr");
        var redis = factory.Services.GetRequiredService<RedisConnection>();
        await WaitConnectedAsync(redis);
        var profiling = new ProfilingSession();
        redis.Multiplexer.RegisterProfiler(() => profiling);
        var anonymous = CookieJar.ClientOf(factory);

        foreach (var page in AnonymousPages)
            ((int)(await anonymous.GetAsync(page)).StatusCode).Should().BeLessThan(500, page);
        var anonymousCommands = profiling.FinishProfiling().Select(c => c.Command).ToList();

        var browser = new CookieJar();
        (await browser.PostFormAsync(anonymous, "/users/sign_in", [new("Input.Email", "camille.durand@exemple.fr"), new("Input.Password", BookingWorld.Password)]))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        profiling.FinishProfiling();
        (await browser.GetAsync(anonymous, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var signedInCommands = profiling.FinishProfiling().Select(c => c.Command).ToList();

        anonymousCommands.Where(c => !ConnectionHousekeeping.Contains(c) || c == "GET").Should().BeEmpty("anonymous pages must not touch Redis");
        signedInCommands.Should().Contain("GET", "the profiler sees the session look-up of a signed-in page");
    }

    [Test]
    public async Task RedisDown_SignedInPagesStillServeFromPostgres_AndSignInStillWorks()
    {
        await using var proxy = new TcpProxy(TestRedis.Host, TestRedis.Port);
        await using var factory = new RdvspWebFactory().WithSetting("ConnectionStrings:Redis", $"127.0.0.1:{proxy.Port}");
        var world = await new BookingWorld(factory.Services).CreateOrganisationAsync();
        await world.AddUsagerAsync("camille.durand@exemple.fr");
        var client = CookieJar.ClientOf(factory);
        var signedInBefore = new CookieJar();
        (await signedInBefore.PostFormAsync(client, "/users/sign_in", [new("Input.Email", "camille.durand@exemple.fr"), new("Input.Password", BookingWorld.Password)]))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        proxy.Stop();

        (await signedInBefore.GetAsync(client, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);
        var signedInDuring = new CookieJar();
        (await signedInDuring.PostFormAsync(client, "/users/sign_in", [new("Input.Email", "camille.durand@exemple.fr"), new("Input.Password", BookingWorld.Password)]))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await signedInDuring.GetAsync(client, "/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task WaitConnectedAsync(RedisConnection redis)
    {
        for (var i = 0; i < 100 && redis.DatabaseIfConnected() is null; i++)
        {
            _ = redis.Multiplexer;
            await Task.Delay(50);
        }
        redis.DatabaseIfConnected().Should().NotBeNull("the test Redis is up");
    }
}
