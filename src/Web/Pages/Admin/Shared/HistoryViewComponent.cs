using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Audit;
using RdvSP.Application.Common.Authorization;

namespace RdvSP.Web.Pages.Admin.Shared;

/// <summary>
/// The "Historique" section of a show page (REFERENCE-SURFACES §7.4), one line in the page:
/// <c>@await Component.InvokeAsync("History", new { organisationId = …, item = HistoryItem.Rdv, itemId = … })</c>.
/// The query's policy decides who reads it; a refused caller gets no section rather than a broken page.
/// </summary>
public sealed class HistoryViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long organisationId, HistoryItem item, long itemId)
    {
        try
        {
            var entries = await mediator.Send(new ListHistoryQuery(organisationId, item, itemId), HttpContext.RequestAborted);
            return View("~/Pages/Admin/Shared/_History.cshtml", entries);
        }
        catch (AccessDeniedException)
        {
            return Content("");
        }
    }
}
