using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Infrastructure.Persistence;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Operations;

/// <summary>
/// PostgreSQL stops under the app (a TCP proxy cut, as a crash looks from the app): pages answer
/// 503 with Retry-After and the French "momentanément indisponible" page, the API answers
/// ProblemDetails 503, the outage is logged once (not once per request, no stack trace), and the
/// app heals by itself when PostgreSQL is back.
/// </summary>
[TestFixture]
public sealed class PostgresOutageTests
{
    private const string Probe = "/api/v1/_probe_database";

    [Test]
    public async Task PostgresDown_503WithRetryAfter_FrenchPageOrProblemDetails_LoggedOnce_ThenHeals()
    {
        await TestDatabase.ResetAsync();
        await using var postgres = new TcpProxy(TestDatabase.Host, TestDatabase.Port);
        await using var factory = new RdvspWebFactory()
            .WithSetting("ConnectionStrings:Postgres", TestDatabase.ConnectionStringFor("127.0.0.1", postgres.Port))
            .WithServices(services => services.AddSingleton<IStartupFilter>(new DatabaseProbeEndpoint()));
        await new BookingWorld(factory.Services).CreateOrganisationAsync();
        var client = CookieJar.ClientOf(factory);
        (await client.GetAsync("/prendre_rdv?departement=26")).StatusCode.Should().Be(HttpStatusCode.OK);

        postgres.Stop();

        for (var i = 0; i < 20; i++)
        {
            var page = await client.GetAsync("/prendre_rdv?departement=26");
            page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter.Should().NotBeNull();
            WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain("Service momentanément indisponible");
        }
        var api = await client.GetAsync(Probe);
        api.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        api.Headers.RetryAfter.Should().NotBeNull();
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().Should().Be(503);

        var errors = factory.Logs.Lines().Where(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal)).Select(Shorten).ToList();
        errors.Should().ContainSingle("one outage is one Error line, whatever the number of requests").Which.Should().Contain("postgresql");
        factory.Logs.Lines().Where(l => l.Contains("\"@x\"", StringComparison.Ordinal)).Select(Shorten).Should().BeEmpty("no stack trace per request");

        postgres.Start();

        await EventuallyAsync(async () => (await client.GetAsync("/prendre_rdv?departement=26")).StatusCode == HttpStatusCode.OK);
        factory.Logs.Lines().Should().Contain(l => l.Contains("available again", StringComparison.Ordinal));
    }

    private static string Shorten(string line) => line.Length <= 400 ? line : line[..400];

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        (await condition()).Should().BeTrue("the app should heal once PostgreSQL is back");
    }

    /// <summary>An API endpoint that needs the database, for the ProblemDetails branch (the API v1 has none yet).</summary>
    private sealed class DatabaseProbeEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(async http =>
            {
                if (http.Request.Path != Probe) { http.Response.StatusCode = 404; return; }
                var db = http.RequestServices.GetRequiredService<DbSession>();
                await db.ConnectionAsync(http.RequestAborted);
                await http.Response.WriteAsync("ok");
            });
        };
    }
}
