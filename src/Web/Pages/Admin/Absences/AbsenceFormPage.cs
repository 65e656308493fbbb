using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>
/// The creation and edit pages of an absence; their use case runs first (authorising the page), even
/// before a refused bound value sends the form back with its messages.
/// </summary>
public abstract class AbsenceFormPage(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [BindProperty]
    public AbsenceFormInput Input { get; set; } = new();

    public AbsenceForm Form { get; protected set; } = null!;

    protected IMediator Mediator => mediator;

    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await LoadAsync(HttpContext.RequestAborted);
        await next();
    }
}
