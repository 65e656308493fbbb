using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RdvSP.Application.Common.Abstractions;

namespace RdvSP.Infrastructure.AddressSearch;

/// <summary>
/// The Base Adresse Nationale search API (GET /search/?q=…): GeoJSON features whose properties give
/// the label, the INSEE city code, the département (first item of "context") and the BAN id, whose
/// first 10 characters identify the street (REFERENCE-DOMAIN §5.11). Any failure reads as
/// "unreachable": the search then offers the list of départements.
/// </summary>
public sealed partial class BanAddressLookup(HttpClient http, ILogger<BanAddressLookup> logger) : IAddressLookup
{
    public async Task<AddressLookupResult> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var q = text.Trim();
        if (q.Length < 3) return new AddressLookupResult(true, []);
        try
        {
            var url = $"search/?q={Uri.EscapeDataString(q)}&limit={Math.Clamp(limit, 1, 10).ToString(CultureInfo.InvariantCulture)}&autocomplete=1";
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFailure(logger, (int)response.StatusCode);
                return AddressLookupResult.Unavailable;
            }
            using var document = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken);
            return new AddressLookupResult(true, Parse(document!.RootElement));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            LogUnreachable(logger, ex.GetType().Name);
            return AddressLookupResult.Unavailable;
        }
    }

    internal static IReadOnlyList<AddressSuggestion> Parse(JsonElement root)
    {
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array) return [];
        var list = new List<AddressSuggestion>();
        foreach (var feature in features.EnumerateArray())
        {
            if (!feature.TryGetProperty("properties", out var p)) continue;
            var label = p.TryGetProperty("label", out var l) ? l.GetString() : null;
            var cityCode = p.TryGetProperty("citycode", out var c) ? c.GetString() : null;
            var context = p.TryGetProperty("context", out var ctx) ? ctx.GetString() : null;
            if (label is null || cityCode is null || context is null) continue;
            var departement = context.Split(',')[0].Trim();
            var type = p.TryGetProperty("type", out var t) ? t.GetString() : null;
            var id = p.TryGetProperty("id", out var i) ? i.GetString() : null;
            string? streetId = type is "street" or "housenumber" && id is { Length: >= 10 } ? id[..10] : null;
            double lat = 0, lon = 0;
            if (feature.TryGetProperty("geometry", out var g) && g.TryGetProperty("coordinates", out var coords) && coords.GetArrayLength() == 2)
            {
                lon = coords[0].GetDouble();
                lat = coords[1].GetDouble();
            }
            list.Add(new AddressSuggestion(label, departement, cityCode, streetId, lat, lon));
        }
        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Address API answered {StatusCode}")]
    private static partial void LogFailure(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Address API unreachable ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
