using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Availability.BackOffice;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Absences;

/// <summary>Edits an absence of an agent the caller sees.</summary>
public sealed class EditModel(IMediator mediator) : AbsenceFormPage(mediator)
{
    [FromRoute]
    public long AbsenceId { get; set; }

    public AbsenceDetails Absence { get; private set; } = null!;

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Absence = await Mediator.Send(new GetAbsenceQuery(OrganisationId, AbsenceId), cancellationToken);
        Form = new AbsenceForm(Absence.Absence.AgentId, Absence.AgentName);
    }

    public IActionResult OnGet()
    {
        Input = AbsenceFormInput.From(Absence.Absence);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Mediator.Send(Input.Fill(new UpdateAbsenceCommand { OrganisationId = OrganisationId, AbsenceId = AbsenceId }), cancellationToken);
        TempData["notice"] = "L'indisponibilité a été modifiée.";
        return Redirect(AdminUrls.Absence(OrganisationId, AbsenceId));
    }
}
