using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>Creates an absence ("indisponibilité") of the agent of the URL.</summary>
public sealed class NewModel(IMediator mediator) : AbsenceFormPage(mediator)
{
    [FromRoute]
    public long AgentId { get; set; }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Form = await Mediator.Send(new GetAbsenceFormQuery(OrganisationId, AgentId), cancellationToken);

    public IActionResult OnGet()
    {
        Input = new AbsenceFormInput { StartTime = new TimeOnly(0, 0), EndTime = new TimeOnly(23, 55) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await Mediator.Send(Input.Fill(new CreateAbsenceCommand { OrganisationId = OrganisationId, AgentId = AgentId }), cancellationToken);
        TempData["notice"] = "L'indisponibilité a été créée.";
        return Redirect(AdminUrls.Absence(OrganisationId, id));
    }
}
