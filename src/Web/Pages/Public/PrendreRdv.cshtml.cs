using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RdvSP.Application.Availability.PublicSearch;
using RdvSP.Web.Configuration;

namespace RdvSP.Web.Pages.Public;

/// <summary>The stateless search wizard: each step is a GET with more parameters (REFERENCE-SURFACES §1.2).</summary>
[EnableRateLimiting(WebSetup.PublicSearchPolicy)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = RdvSP.Web.Http.PublicPageOutputCachePolicy.Name)]
public sealed class PrendreRdvModel(ISender sender) : PageModel
{
    [FromQuery(Name = "address")] public string? Address { get; set; }
    [FromQuery(Name = "departement")] public string? Departement { get; set; }
    [FromQuery(Name = "city_code")] public string? CityCode { get; set; }
    [FromQuery(Name = "street_ban_id")] public string? StreetBanId { get; set; }
    [FromQuery(Name = "latitude")] public double? Latitude { get; set; }
    [FromQuery(Name = "longitude")] public double? Longitude { get; set; }
    [FromQuery(Name = "service_id")] public long? ServiceId { get; set; }
    [FromQuery(Name = "motif_name_with_location_type")] public string? MotifSlug { get; set; }
    [FromQuery(Name = "lieu_id")] public long? LieuId { get; set; }
    [FromQuery(Name = "user_selected_organisation_id")] public long? OrganisationId { get; set; }
    [FromQuery(Name = "public_link_organisation_id")] public long? PublicLinkOrganisationId { get; set; }
    [FromQuery(Name = "date")] public DateOnly? Date { get; set; }

    public PublicSearchStep Step { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Step = await sender.Send(new GetPublicSearchStepQuery(new PublicSearchContext
        {
            Address = Address,
            Departement = Departement,
            CityCode = CityCode,
            StreetBanId = StreetBanId,
            Latitude = Latitude,
            Longitude = Longitude,
            ServiceId = ServiceId,
            MotifSlug = MotifSlug,
            LieuId = LieuId,
            OrganisationId = OrganisationId,
            PublicLinkOrganisationId = PublicLinkOrganisationId,
            Date = Date,
        }), ct);
        return Page();
    }

    /// <summary>A link to the search with the current context, changed by <paramref name="change"/>.</summary>
    public string Link(Func<PublicSearchContext, PublicSearchContext> change)
    {
        var query = change(Step.Context).ToQuery().Where(kv => !string.IsNullOrEmpty(kv.Value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/prendre_rdv", query!);
    }

    /// <summary>The booking wizard's first step for a slot of the current motif.</summary>
    public string BookingLink(DateTimeOffset startsAt) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/users/rdv_wizard_step", new Dictionary<string, string?>
        {
            ["step"] = "1",
            ["motif_id"] = Step.Motif!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["starts_at"] = startsAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["lieu_id"] = Step.Lieu?.Lieu.LieuId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => kv.Value is not null)!);

    public string CollectiveLink(long rdvId) =>
        $"/users/rdv_wizard_step?step=1&rdv_collectif_id={rdvId.ToString(System.Globalization.CultureInfo.InvariantCulture)}&motif_id={Step.Motif!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
