using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Usagers.AddRelative;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Relatives;

public sealed class NewModel(IMediator mediator) : UsagerPageModel
{
    [BindProperty]
    public RelativeInput Input { get; set; } = new();

    /// <summary>Set when the usager comes from the booking wizard: saving brings them back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Back => ReturnPath.LocalOrNull(ReturnUrl);

    public IActionResult OnGet() => CurrentUsagerId is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } id) return Forbid();
        var result = await mediator.Send(new AddRelativeCommand(id, Input.FirstName ?? "", Input.LastName ?? "", Input.BirthDate), cancellationToken);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }
        Flash($"{Input.FirstName!.Trim()} {Input.LastName!.Trim()} a été ajouté·e à vos proches.");
        return Redirect(Back ?? "/users/relatives");
    }
}
