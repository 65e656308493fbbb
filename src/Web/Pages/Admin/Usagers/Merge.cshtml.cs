using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>
/// "Fusionner deux usagers": pick two visible usagers, then choose for each attribute whose value to
/// keep; usager 1 is kept, usager 2 is merged into him and deleted.
/// </summary>
public sealed class MergeModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public long OrganisationId { get; set; }

    [BindProperty(SupportsGet = true, Name = "user1_id")]
    public long? User1Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "user2_id")]
    public long? User2Id { get; set; }

    [BindProperty]
    public MergeInput Input { get; set; } = new();

    /// <summary>Both usagers, once two are chosen.</summary>
    public MergeCandidates? Candidates { get; private set; }

    /// <summary>The one chosen so far, for the picker of the other.</summary>
    public UsagerFile? Chosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // One use case is always sent: the pair, one usager, or the empty picker (the organisation's check).
        if (User1Id is { } one && User2Id is { } two)
        {
            Candidates = await mediator.Send(new GetMergeCandidatesQuery(OrganisationId, one, two), cancellationToken);
            if (one == two) ModelState.AddModelError(string.Empty, "Choisissez deux usagers différents.");
        }
        else if ((User1Id ?? User2Id) is { } chosen)
        {
            Chosen = await mediator.Send(new GetUsagerQuery(OrganisationId, chosen), cancellationToken);
        }
        else
        {
            await mediator.Send(new SearchUsagersQuery(OrganisationId, null, []), cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User1Id is not { } one || User2Id is not { } two)
        {
            await mediator.Send(new SearchUsagersQuery(OrganisationId, null, []), cancellationToken);
            ModelState.AddModelError(string.Empty, "Choisissez les deux usagers à fusionner.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // Loaded first so a refused merge shows the comparison again with its message.
        Candidates = await mediator.Send(new GetMergeCandidatesQuery(OrganisationId, one, two), cancellationToken);
        await mediator.Send(new MergeUsagersCommand(OrganisationId, one, two, Input.Choices), cancellationToken);
        TempData["notice"] = "Les deux usagers ont été fusionnés.";
        return Redirect(AdminUrls.Usager(OrganisationId, one));
    }
}

public sealed class MergeInput
{
    /// <summary>Attribute → 1 or 2 (the usager whose value is kept).</summary>
    public Dictionary<MergeAttribute, int> Choices { get; set; } = [];
}
