using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Notifications;
using RdvSP.Application.Notifications.Webcal;

namespace RdvSP.Web.Pages.Agents.CalendarSync;

/// <summary>« Synchronisation d'agenda » (webcal): the private feed address, and a way to replace it.</summary>
public sealed class WebcalModel(IMediator mediator, AppUrls urls) : PageModel
{
    /// <summary>The https address of the feed (calendars accept it; webcal:// is the same with another scheme).</summary>
    public string? FeedUrl { get; private set; }

    public string? WebcalUrl => FeedUrl is null ? null : "webcal://" + FeedUrl[(FeedUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var uid = await mediator.Send(new GetMyWebcalQuery(), cancellationToken);
        FeedUrl = uid is null ? null : urls.Build($"/calendrier/{uid}.ics");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var hadOne = await mediator.Send(new GetMyWebcalQuery(), cancellationToken) is not null;
        await mediator.Send(new ResetMyWebcalCommand(), cancellationToken);
        TempData["notice"] = hadOne
            ? "Votre lien de synchronisation a été réinitialisé : l'ancien ne fonctionne plus."
            : "Votre lien de synchronisation a été créé.";
        return Redirect("/agents/calendar_sync/webcal_sync");
    }
}
