using Mediator;
using RdvSP.Application.Availability.ListPublicHolidays;

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
        return v1;
    }
}
