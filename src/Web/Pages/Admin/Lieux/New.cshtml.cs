using Mediator;
using RdvSP.Application.Organisations.Catalog;
using RdvSP.Web.Pages.Admin.Shared;
using Microsoft.AspNetCore.Mvc;

namespace RdvSP.Web.Pages.Admin.Lieux;

/// <summary>Creates an enabled lieu; its address is picked among the BAN's suggestions.</summary>
public sealed class NewModel(IMediator mediator) : LieuFormPage(mediator)
{
    protected override long? EditedLieuId => null;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Mediator.Send(Input.Fill(new CreateLieuCommand { OrganisationId = OrganisationId }), cancellationToken);
        TempData["notice"] = "Le lieu a été créé.";
        return Redirect(AdminUrls.Lieux(OrganisationId));
    }
}
