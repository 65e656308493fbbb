using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.Common;
using RdvSP.Application.Usagers.GetRelative;
using RdvSP.Application.Usagers.UpdateRelative;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Relatives;

/// <summary>Edits one of the usager's relatives; another family's relative is a 404 (same as a missing one).</summary>
public sealed class EditModel(IMediator mediator) : UsagerPageModel
{
    [BindProperty]
    public RelativeInput Input { get; set; } = new();

    /// <summary>From the route, so a refused form shown again still links to this relative.</summary>
    [FromRoute(Name = "id")]
    public long Id { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } usagerId) return Forbid();
        var relative = await mediator.Send(new GetRelativeQuery(usagerId, Id), cancellationToken);
        if (relative is null) return NotFound();
        Input = new RelativeInput { FirstName = relative.FirstName, LastName = relative.LastName, BirthDate = relative.BirthDate };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } usagerId) return Forbid();
        var result = await mediator.Send(new UpdateRelativeCommand(usagerId, Id, Input.FirstName ?? "", Input.LastName ?? "", Input.BirthDate), cancellationToken);
        if (result.IsFailure)
        {
            if (result.Error == UsagerErrors.RelativeNotFound) return NotFound();
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }
        Flash("Les informations de votre proche ont été enregistrées.");
        return Redirect("/users/relatives");
    }
}
