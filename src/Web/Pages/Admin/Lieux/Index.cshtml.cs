using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.Catalog;

namespace RdvSP.Web.Pages.Admin.Lieux;

/// <summary>The organisation's lieux (single-use ones hidden); read-only for basic agents.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }

    public LieuIndex Index { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Index = await mediator.Send(new ListLieuxQuery(OrganisationId), cancellationToken);
        return Page();
    }
}
