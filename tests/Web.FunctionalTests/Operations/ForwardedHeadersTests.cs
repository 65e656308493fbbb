using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Operations;

/// <summary>
/// X-Forwarded-For is believed only from the configured proxies (Scalingo's router): a client that
/// forges it cannot pick a fresh address for each request to escape the rate limits.
/// </summary>
[TestFixture]
public sealed class ForwardedHeadersTests
{
    private const string DirectClient = "203.0.113.7";

    [Test]
    public async Task ForgedForwardedFor_FromAnUnknownPeer_IsIgnored_TheLimitHolds()
    {
        await using var factory = Factory(trustedProxies: null);
        var client = factory.CreateClient();

        var statuses = await SearchWithForgedAddressesAsync(client);

        statuses.Take(3).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses.Skip(3).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests, "every request came from the same peer");
    }

    [Test]
    public async Task ForwardedFor_FromAConfiguredProxy_NamesTheClient()
    {
        await using var factory = Factory(trustedProxies: "203.0.113.0/24");
        var client = factory.CreateClient();

        var statuses = await SearchWithForgedAddressesAsync(client);

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK, "the router names a different client each time");
    }

    private static async Task<List<HttpStatusCode>> SearchWithForgedAddressesAsync(HttpClient client)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/prendre_rdv");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    private static RdvspWebFactory Factory(string? trustedProxies) => new RdvspWebFactory()
        .WithSetting("RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE", "3")
        .WithSetting("FORWARDED_PROXY_NETWORKS", trustedProxies)
        .WithServices(services => services.AddSingleton<IStartupFilter>(new PeerAddress(DirectClient)));

    /// <summary>The in-memory server has no socket: give every request the peer address a real one would have.</summary>
    private sealed class PeerAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
