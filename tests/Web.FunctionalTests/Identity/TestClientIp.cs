using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>
/// The in-memory test server has no client address: this startup filter takes it from a test-only
/// header, so each test client can play a distinct IP for the attempt counters.
/// </summary>
public sealed class TestClientIp : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";

    public static string Random() => $"10.{System.Random.Shared.Next(256)}.{System.Random.Shared.Next(256)}.{System.Random.Shared.Next(1, 255)}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var ip))
                context.Connection.RemoteIpAddress = ip;
            return following(context);
        });
        next(app);
    };
}
