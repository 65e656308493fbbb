using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>Edits a plage of the organisation.</summary>
public sealed class EditModel(IMediator mediator) : PlageOuvertureFormPage(mediator)
{
    [FromRoute]
    public long PlageOuvertureId { get; set; }

    public PlageOuvertureDetails Plage { get; private set; } = null!;

    protected override async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        Plage = await Mediator.Send(new GetPlageOuvertureQuery(OrganisationId, PlageOuvertureId), cancellationToken);
        return Plage.Plage.AgentId;
    }

    public IActionResult OnGet()
    {
        Input = PlageOuvertureFormInput.From(Plage.Plage);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await Mediator.Send(Input.Fill(new UpdatePlageOuvertureCommand { OrganisationId = OrganisationId, PlageOuvertureId = PlageOuvertureId }), cancellationToken);
        return Saved(saved, "La plage d'ouverture a été modifiée.");
    }
}
