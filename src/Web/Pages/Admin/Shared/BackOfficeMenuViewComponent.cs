using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Organisations.BackOfficeShell;

namespace RdvSP.Web.Pages.Admin.Shared;

/// <summary>The back-office's left menu for the organisation of the URL (REFERENCE-SURFACES §2.2).</summary>
public sealed class BackOfficeMenuViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long organisationId) =>
        View(await BackOfficeShells.GetAsync(HttpContext, mediator, organisationId));
}

/// <summary>The "N RDV à renseigner" warning bar: the agent's past RDVs whose status is still unknown.</summary>
public sealed class RdvsToFillInBarViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long organisationId) =>
        View(await BackOfficeShells.GetAsync(HttpContext, mediator, organisationId));
}

/// <summary>The layout's data, loaded once per request for both components.</summary>
internal static class BackOfficeShells
{
    private static readonly object Key = new();

    public static async Task<BackOfficeShell> GetAsync(HttpContext http, IMediator mediator, long organisationId)
    {
        if (http.Items[Key] is BackOfficeShell shell && shell.OrganisationId == organisationId) return shell;
        shell = await mediator.Send(new GetBackOfficeShellQuery(organisationId), http.RequestAborted);
        http.Items[Key] = shell;
        return shell;
    }
}
