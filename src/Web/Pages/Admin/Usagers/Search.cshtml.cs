using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>
/// The pickers' usager search (contract of BACKOFFICE.md):
/// <c>{"results":[{"id":123,"text":"DUPONT Marie (12/03/1985) - 06 12 34 56 78 - marie@exemple.fr"}]}</c>, at most 20.
/// </summary>
public sealed class SearchModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        [FromRoute] long organisationId,
        [FromQuery(Name = "term")] string? term,
        [FromQuery(Name = "exclude_ids[]")] long[]? excludeIds,
        CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new SearchUsagersQuery(organisationId, term, excludeIds ?? []), cancellationToken);
        return new JsonResult(new { results = rows.Select(r => new { id = r.Id, text = UsagerDisplay.PickerText(r) }) });
    }
}
