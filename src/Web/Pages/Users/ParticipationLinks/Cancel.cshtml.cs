using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.CancelUsagerRdv;
using RdvSP.Application.Booking.UsagerRdvs;
using RdvSP.Application.Notifications.ParticipationLinks;

namespace RdvSP.Web.Pages.Users.ParticipationLinks;

/// <summary>
/// Cancellation from a participation link: the same use case and rules as from the usager's account.
/// Without a live link session (none, or its 10 minutes are over) the visitor goes back to the letters check.
/// </summary>
public sealed class CancelModel(ISender sender, IDataProtectionProvider dataProtection, TimeProvider clock) : PageModel
{
    public const string SessionExpired = "Votre accès à ce RDV a expiré (il dure 10 minutes). Saisissez à nouveau les 3 premières lettres du nom de famille.";

    public UsagerRdvView View { get; private set; } = null!;
    public string? Error { get; private set; }
    public string LinkPath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, string token, CancellationToken ct)
    {
        if (await LoadAsync(id, token, ct) is { } back) return back;
        if (!View.CanCancel) Error = "Ce rendez-vous n'est pas annulable en ligne. Prenez contact avec le secrétariat.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string token, CancellationToken ct)
    {
        if (await LoadAsync(id, token, ct) is { } back) return back;
        var access = Access(id, token)!;
        var outcome = await sender.Send(new CancelUsagerRdvCommand(access.UsagerId, id), ct);
        if (outcome.IsSuccess)
        {
            TempData["Flash"] = View.Rdv.Collectif ? "Participation annulée" : "Le RDV a bien été annulé.";
            return Redirect(LinkPath);
        }
        View = await sender.Send(new GetUsagerRdvQuery(access.UsagerId, id), ct) ?? View;
        Error = outcome.Error.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private ParticipationLinkAccess? Access(long id, string token) =>
        new ParticipationLinkSession(dataProtection, clock).Current(HttpContext, id, token);

    /// <summary>The RDV of the live session, or where to go instead (the letters check, or 404).</summary>
    private async Task<IActionResult?> LoadAsync(long id, string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (token.Length > ShowModel.MaxTokenLength) return NotFound();
        LinkPath = ParticipationLinkSession.PathOf(id, token);
        if (Access(id, token) is not { } access)
        {
            TempData["LinkNotice"] = SessionExpired;
            return Redirect(LinkPath);
        }
        var view = await sender.Send(new GetUsagerRdvQuery(access.UsagerId, id), ct);
        if (view is null) return NotFound();
        View = view;
        return null;
    }
}
