using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Web.Http.BoundValues;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>
/// The creation and edit pages. The form's use case (authorised like any other) runs before
/// anything else, even before a refused bound value sends the form back: so the outsider is refused
/// first, and a form shown again with its errors still has the territory's fields.
/// </summary>
public abstract class UsagerFormPage(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [BindProperty]
    public UsagerFormInput Input { get; set; } = new();

    public UsagerForm Form { get; private set; } = null!;

    /// <summary>Set when the save found a usager with the same e-mail.</summary>
    public ExistingUsager? EmailTaken { get; protected set; }

    /// <summary>Set when the save found look-alikes: the agent confirms or corrects.</summary>
    public IReadOnlyList<ExistingUsager> LookAlikes { get; protected set; } = [];

    protected IMediator Mediator => mediator;

    protected abstract long? EditedUserId { get; }

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Form = await mediator.Send(new GetUsagerFormQuery(OrganisationId, EditedUserId), HttpContext.RequestAborted);
        if (Refusal() is { } message)
        {
            HttpContext.Features.Set(new RefusedValues([message]));
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        await next();
    }

    /// <summary>The French message refusing one of the page's own link values (nothing runs then), or null.</summary>
    protected virtual string? Refusal() => null;

    /// <summary>The page again, with the reason the save was held back.</summary>
    protected IActionResult Held(UsagerSaveOutcome outcome)
    {
        EmailTaken = outcome.EmailTaken;
        LookAlikes = outcome.LookAlikes;
        if (outcome.EmailTaken is not null)
            ModelState.AddModelError("Input.Email", "Un usager avec cette adresse e-mail existe déjà.");
        Response.StatusCode = outcome.EmailTaken is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return Page();
    }
}
