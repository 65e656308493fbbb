using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Lieux;

/// <summary>Edits a lieu (enabled or disabled); deletes it when no plage and no RDV refers to it.</summary>
public sealed class EditModel(IMediator mediator) : LieuFormPage(mediator)
{
    [FromRoute] public long LieuId { get; set; }

    protected override long? EditedLieuId => LieuId;

    public IActionResult OnGet()
    {
        Input = LieuFormInput.From(Form.Lieu!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Mediator.Send(Input.Fill(new UpdateLieuCommand { OrganisationId = OrganisationId, LieuId = LieuId, Enabled = Input.Enabled }), cancellationToken);
        TempData["notice"] = "Le lieu a été enregistré.";
        return Redirect(AdminUrls.Lieux(OrganisationId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var references = await Mediator.Send(new DeleteLieuCommand(OrganisationId, LieuId), cancellationToken);
        if (!references.Any)
        {
            TempData["notice"] = "Le lieu a été supprimé.";
            return Redirect(AdminUrls.Lieux(OrganisationId));
        }
        // Refused: the form again, with the message and what refers to the lieu.
        Input = LieuFormInput.From(Form.Lieu!);
        ModelState.AddModelError(string.Empty, DeleteLieuHandler.ReferencedMessage);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
