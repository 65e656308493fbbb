using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Notifications.Webcal;

namespace RdvSP.Web.Pages.Public;

/// <summary>The agent's webcal feed, fetched by calendar software without cookies: the uid in the address is the key.</summary>
[IgnoreAntiforgeryToken]
public sealed class AgentCalendarModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string uid, CancellationToken cancellationToken)
    {
        var ics = await mediator.Send(new GetAgentCalendarFeedQuery(uid), cancellationToken);
        if (ics is null) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return Content(ics, "text/calendar; charset=utf-8");
    }
}
