using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>Edits a visible usager's information, with the same duplicate rules as the creation.</summary>
public sealed class EditModel(IMediator mediator) : UsagerFormPage(mediator)
{
    [FromRoute]
    public long UserId { get; set; }

    protected override long? EditedUserId => UserId;

    public IActionResult OnGet()
    {
        Input = UsagerFormInput.From(Form.Usager!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await Mediator.Send(Input.ToCommand(new UpdateUsagerCommand { OrganisationId = OrganisationId, UserId = UserId }), cancellationToken);
        if (outcome.UsagerId is null) return Held(outcome);
        TempData["notice"] = "Les informations de l'usager ont été enregistrées.";
        return Redirect(AdminUrls.Usager(OrganisationId, UserId));
    }
}
