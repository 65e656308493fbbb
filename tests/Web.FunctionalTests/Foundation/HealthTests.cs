using System.Net;
using System.Text.Json;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Foundation;

/// <summary>
/// Readiness follows PostgreSQL and Redis; liveness does not. Outages are real: the app talks to
/// the servers through a TCP proxy that the test cuts and restores.
/// </summary>
[TestFixture]
public sealed class HealthTests
{
    [Test]
    public async Task Ready_WhenBothDependenciesAnswer_Is200WithEachCheckHealthy()
    {
        await using var factory = new RdvspWebFactory();
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString().Should().Be("healthy");
        body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().Should().Be("healthy");
    }

    [Test]
    public async Task RedisDown_ReadyIs503NamingRedis_LiveAndPagesStillServe_ThenHealsWithoutRestart()
    {
        await using var redis = new TcpProxy(TestRedis.Host, TestRedis.Port);
        await using var factory = new RdvspWebFactory().WithSetting("ConnectionStrings:Redis", $"127.0.0.1:{redis.Port}");
        var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        redis.Stop();

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("down").EnumerateArray().Select(e => e.GetString()).Should().Equal("redis");
        body.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString().Should().Be("healthy");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var home = await client.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().Contain("Prenez rendez-vous");

        redis.Start();

        await Eventually(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    [Test]
    public async Task PostgresDown_ReadyIs503NamingPostgresql_LiveStill200_ThenHealsWithoutRestart()
    {
        await using var postgres = new TcpProxy(TestDatabase.Host, TestDatabase.Port);
        await using var factory = new RdvspWebFactory()
            .WithSetting("ConnectionStrings:Postgres", TestDatabase.ConnectionStringFor("127.0.0.1", postgres.Port));
        var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        postgres.Stop();

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("down").EnumerateArray().Select(e => e.GetString()).Should().Equal("postgresql");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        postgres.Start();

        await Eventually(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    /// <summary>Polls a condition that depends on a reconnect (no timing assertion: only an upper bound to give up).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        Assert.Fail("The application did not recover after the dependency came back.");
    }
}
