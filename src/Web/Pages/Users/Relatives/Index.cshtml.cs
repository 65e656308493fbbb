using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.GetMyInformation;
using RdvSP.Web.Pages.Users.Shared;

namespace RdvSP.Web.Pages.Users.Relatives;

public sealed class IndexModel(IMediator mediator) : UsagerPageModel
{
    public MyInformationDto Info { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (CurrentUsagerId is not { } id || await mediator.Send(new GetMyInformationQuery(id), cancellationToken) is not { } info)
            return Forbid();
        Info = info;
        return Page();
    }
}
