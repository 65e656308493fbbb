using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Availability.BackOffice;

namespace RdvSP.Web.Pages.Admin.PlageOuvertures;

/// <summary>Creates a plage for the agent of the URL; "Dupliquer" pre-fills it from another plage.</summary>
public sealed class NewModel(IMediator mediator) : PlageOuvertureFormPage(mediator)
{
    [FromRoute]
    public long AgentId { get; set; }

    [FromQuery(Name = "duplicate_plage_ouverture_id")]
    public long? DuplicatePlageOuvertureId { get; set; }

    private PlageOuvertureDetails? duplicated;

    protected override async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        if (DuplicatePlageOuvertureId is { } id)
            duplicated = await Mediator.Send(new GetPlageOuvertureQuery(OrganisationId, id), cancellationToken);
        return AgentId;
    }

    public IActionResult OnGet()
    {
        Input = duplicated is null
            ? new PlageOuvertureFormInput { Title = "Permanence", StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(12, 0) }
            : PlageOuvertureFormInput.From(duplicated.Plage);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await Mediator.Send(Input.Fill(new CreatePlageOuvertureCommand { OrganisationId = OrganisationId, AgentId = AgentId }), cancellationToken);
        return Saved(saved, "La plage d'ouverture a été créée.");
    }
}
