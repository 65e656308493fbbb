using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Pages.Users.Rdvs;

namespace RdvSP.Web.Pages.Users.ParticipationLinks;

/// <summary>
/// "Déplacer le RDV" from a participation link session: where the waiting list's "Vérifier la
/// disponibilité" leads (REFERENCE-SURFACES §3, FileAttenteMailer). The same use cases and rules as from
/// the account; without a live session the visitor passes the letters check first, then comes back here.
/// </summary>
public sealed class MoveModel(ISender sender, IDataProtectionProvider dataProtection, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "date")] public DateOnly? Date { get; set; }

    public MoveSteps.SlotsStep Step { get; private set; } = null!;
    public string LinkPath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (token.Length > ShowModel.MaxTokenLength) return NotFound();
        LinkPath = ParticipationLinkSession.PathOf(id, token);
        if (new ParticipationLinkSession(dataProtection, clock).Current(HttpContext, id, token) is not { } access)
            return Redirect(ShowModel.ThenMove(LinkPath));
        if (await MoveSteps.SlotsAsync(sender, access.UsagerId, id, Date, ct) is not { } step) return NotFound();
        Step = step;
        Response.StatusCode = step.StatusCode;
        return Page();
    }
}
