using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.TestKit;

namespace RdvSP.Web.BrowserTests;

/// <summary>
/// The real app served by Kestrel on a free loopback port (WebApplicationFactory in Kestrel mode), so a
/// real browser can reach it; PostgreSQL and Redis as in every other test project, the BAN stubbed.
/// </summary>
public sealed class BrowserAppFactory : RdvspWebFactory
{
    public BrowserAppFactory(string banApiUrl)
    {
        WithSetting("BAN_API_URL", banApiUrl);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts Kestrel and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public string Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
