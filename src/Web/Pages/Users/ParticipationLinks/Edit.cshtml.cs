using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Application.Notifications.ParticipationLinks;
using RdvSP.Web.Pages.Users.Rdvs;

namespace RdvSP.Web.Pages.Users.ParticipationLinks;

/// <summary>
/// Confirmation of a move from a participation link session: GET shows the current and the chosen time,
/// only the POST moves the RDV (the account's use case) and goes back to the link's page.
/// </summary>
public sealed class EditModel(ISender sender, IDataProtectionProvider dataProtection, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "starts_at")] public DateTimeOffset? StartsAt { get; set; }

    public MoveSteps.ConfirmationStep Step { get; private set; } = null!;
    public string LinkPath { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(long id, string token, CancellationToken ct) => ShowAsync(id, token, null, ct);

    public async Task<IActionResult> OnPostAsync(long id, string token, CancellationToken ct)
    {
        if (StartsAt is null || Access(id, token) is not { } access) return await ShowAsync(id, token, null, ct);
        var moved = await sender.Send(new MoveUsagerRdvCommand(access.UsagerId, id, StartsAt.Value), ct);
        if (moved.IsSuccess)
        {
            TempData["Flash"] = "Votre RDV a bien été modifié";
            return Redirect(ParticipationLinkSession.PathOf(id, token));
        }
        if (moved.Error.Code == "booking.rdv_not_found") return NotFound();
        return await ShowAsync(id, token, moved.Error.Message, ct);
    }

    private ParticipationLinkAccess? Access(long id, string token) =>
        token.Length > ShowModel.MaxTokenLength ? null : new ParticipationLinkSession(dataProtection, clock).Current(HttpContext, id, token);

    /// <summary>The confirmation step; the letters check first without a live session.</summary>
    private async Task<IActionResult> ShowAsync(long id, string token, string? refusal, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (token.Length > ShowModel.MaxTokenLength) return NotFound();
        LinkPath = ParticipationLinkSession.PathOf(id, token);
        if (Access(id, token) is not { } access) return Redirect(ShowModel.ThenMove(LinkPath));
        if (await MoveSteps.ConfirmationAsync(sender, access.UsagerId, id, StartsAt, refusal, ct) is not { } step) return NotFound();
        Step = step;
        Response.StatusCode = step.StatusCode;
        return Page();
    }
}
