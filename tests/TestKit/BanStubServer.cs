using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RdvSP.TestKit;

/// <summary>
/// A local Kestrel server that answers like the BAN search API (GET /search/?q=…, GeoJSON), so the
/// real HTTP adapter is exercised. Known addresses are registered by the test; <see cref="Down"/>
/// makes it answer 503 like an outage.
/// </summary>
public sealed class BanStubServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, string> features = new(StringComparer.OrdinalIgnoreCase);

    public BanStubServer()
    {
        app = LocalStubHost.Create();
        app.MapGet("/search/", (HttpContext http) =>
        {
            if (Down) return Results.StatusCode(503);
            var q = http.Request.Query["q"].ToString();
            var match = features.Where(f => f.Key.Contains(q, StringComparison.OrdinalIgnoreCase) || q.Contains(f.Key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);
            return Results.Text($$"""{"type":"FeatureCollection","version":"draft","features":[{{string.Join(',', match)}}],"query":"q"}""", "application/json");
        });
        BaseUrl = LocalStubHost.StartAsync(app).GetAwaiter().GetResult();
    }

    public string BaseUrl { get; }

    public bool Down { get; set; }

    /// <summary>Registers a house-number result, the shape the BAN returns.</summary>
    public BanStubServer WithAddress(string label, string cityCode, string departementContext, string banId, double latitude, double longitude)
    {
        var lon = longitude.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lat = latitude.ToString(System.Globalization.CultureInfo.InvariantCulture);
        features[label] =
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}," +
            "\"properties\":{\"label\":\"" + label + "\",\"score\":0.97,\"housenumber\":\"12\",\"id\":\"" + banId + "\",\"type\":\"housenumber\"," +
            "\"postcode\":\"26000\",\"citycode\":\"" + cityCode + "\",\"city\":\"Valence\",\"context\":\"" + departementContext + "\",\"importance\":0.7}}";
        return this;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
