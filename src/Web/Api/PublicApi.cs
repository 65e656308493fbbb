using Mediator;
using RdvSP.Application.Availability.ListPublicHolidays;
using RdvSP.Application.Common.Abstractions;

namespace RdvSP.Web.Api;

internal static class PublicApi
{
    public static RouteGroupBuilder MapPublicApi(this RouteGroupBuilder v1)
    {
        // GET /api/v1/jours_feries?annee=2027&departement=67
        v1.MapGet("/jours_feries", async (int annee, string departement, ISender sender, CancellationToken ct) =>
        {
            var holidays = await sender.Send(new ListPublicHolidaysQuery(annee, departement), ct);
            return Results.Ok(new { annee = holidays.Year, departement = holidays.Departement, jours_feries = holidays.Dates });
        });
        // GET /api/v1/adresses?q=12 rue… : suggestions for the search form (the BAN, behind our adapter).
        v1.MapGet("/adresses", async (string q, IAddressLookup addresses, CancellationToken ct) =>
        {
            if (q.Length > 200) return Results.Problem(statusCode: 400, title: "Requête invalide", detail: "L'adresse est trop longue.");
            var found = await addresses.SearchAsync(q, 5, ct);
            return Results.Ok(new
            {
                disponible = found.Reachable,
                adresses = found.Suggestions.Select(a => new { label = a.Label, departement = a.Departement, city_code = a.CityCode, street_ban_id = a.StreetBanId, latitude = a.Latitude, longitude = a.Longitude }),
            });
        }).RequireRateLimiting(RdvSP.Web.Configuration.WebSetup.PublicSearchPolicy);
        return v1;
    }
}
