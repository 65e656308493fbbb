using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Notifications;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Web.Pages.Admin.Organisations;

/// <summary>« Réservation en ligne »: the organisation's public link and, per motif, where usagers can book it.</summary>
public sealed class OnlineBookingModel(IMediator mediator, AppUrls urls) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }

    public OnlineBooking Booking { get; private set; } = null!;

    /// <summary>The public link (/org/:id/:slug), or the home page for a sectorised organisation.</summary>
    public string PublicLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Booking = await mediator.Send(new GetOnlineBookingQuery(OrganisationId), cancellationToken);
        PublicLink = Booking.Sectorised ? urls.Build("/") : urls.Build($"/org/{OrganisationId}/{Slug(Booking.OrganisationName)}");
        return Page();
    }

    /// <summary>The organisation's name as a URL segment: lower case, accents removed, other characters as dashes.</summary>
    private static string Slug(string name)
    {
        var plain = new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
        var slug = System.Text.RegularExpressions.Regex.Replace(plain.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return slug.Length == 0 ? "organisation" : slug;
    }
}
