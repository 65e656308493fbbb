using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.Application.Usagers.Common;
using RdvSP.Application.Usagers.DeleteRelative;
using RdvSP.Application.Usagers.GetRelative;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Relatives;

public sealed class DeleteModel(IMediator mediator) : UsagerPageModel
{
    public UsagerDto Relative { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } usagerId) return Forbid();
        if (await mediator.Send(new GetRelativeQuery(usagerId, id), cancellationToken) is not { } relative) return NotFound();
        Relative = relative;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } usagerId) return Forbid();
        var result = await mediator.Send(new DeleteRelativeCommand(usagerId, id), cancellationToken);
        if (result.IsFailure)
            return result.Error == UsagerErrors.RelativeNotFound ? NotFound() : StatusCode(StatusCodes.Status409Conflict);
        Flash("Le proche a été supprimé.");
        return Redirect("/users/relatives");
    }
}
