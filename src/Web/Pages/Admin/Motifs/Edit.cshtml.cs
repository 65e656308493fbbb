using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Motifs;

/// <summary>Edits a motif in three tabs; its location type and collective flag are locked once it has RDVs.</summary>
public sealed class EditModel(IMediator mediator) : MotifFormPage(mediator)
{
    [FromRoute] public long MotifId { get; set; }

    protected override long? SourceMotifId => MotifId;

    public override bool Editing => true;

    public IActionResult OnGet()
    {
        Input = MotifFormInput.From(Form.Motif!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Mediator.Send(Input.Fill(new UpdateMotifCommand { OrganisationId = OrganisationId, MotifId = MotifId }), cancellationToken);
        TempData["notice"] = "Le motif a été enregistré.";
        return Redirect(AdminUrls.Motif(OrganisationId, MotifId));
    }
}
