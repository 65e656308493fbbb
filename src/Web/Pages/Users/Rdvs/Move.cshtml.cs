using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>"Déplacer le RDV": a week of free slots at the same lieu; each leads to the confirmation step (<see cref="EditModel"/>).</summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class MoveModel(ISender sender) : PageModel
{
    [FromQuery(Name = "date")] public DateOnly? Date { get; set; }

    public long Id { get; private set; }
    public MoveSteps.SlotsStep Step { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        if (await MoveSteps.SlotsAsync(sender, User.UsagerId()!.Value, id, Date, ct) is not { } step) return NotFound();
        Step = step;
        Response.StatusCode = step.StatusCode;
        return Page();
    }
}
