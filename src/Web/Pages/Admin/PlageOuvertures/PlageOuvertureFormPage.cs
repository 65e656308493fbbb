using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>
/// The creation and edit pages of a plage. The form's use cases (authorised like any other) run before
/// anything else, even before a refused bound value sends the form back with its messages.
/// </summary>
public abstract class PlageOuvertureFormPage(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [BindProperty]
    public PlageOuvertureFormInput Input { get; set; } = new();

    public PlageOuvertureForm Form { get; private set; } = null!;

    protected IMediator Mediator => mediator;

    /// <summary>Loads what the page edits (authorising it) and returns the agent whose plage it is.</summary>
    protected abstract Task<long> LoadAsync(CancellationToken cancellationToken);

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var agentId = await LoadAsync(HttpContext.RequestAborted);
        Form = await mediator.Send(new GetPlageOuvertureFormQuery(OrganisationId, agentId), HttpContext.RequestAborted);
        await next();
    }

    /// <summary>After a save: the plage's page, with the benign warnings if any.</summary>
    protected IActionResult Saved(PlageOuvertureSaved saved, string notice)
    {
        TempData["notice"] = notice;
        if (saved.Warnings.Count > 0) TempData["plage_warnings"] = string.Join("\n", saved.Warnings);
        return Redirect(AdminUrls.PlageOuverture(OrganisationId, saved.PlageOuvertureId));
    }
}
