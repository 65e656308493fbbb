using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.AgentAccount;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Web.Pages.Agents;

/// <summary>"Votre compte" (REFERENCE-SURFACES §2.3.18): names editable; e-mail and services read-only.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public NamesInput Input { get; set; } = new();

    public AgentProfileDto Profile { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Profile = await mediator.Send(new GetAgentProfileQuery(), cancellationToken);
        Input.FirstName = Profile.FirstName;
        Input.LastName = Profile.LastName;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Profile = await mediator.Send(new GetAgentProfileQuery(), cancellationToken);
        await mediator.Send(new UpdateAgentAccountCommand(Input.FirstName ?? "", Input.LastName ?? ""), cancellationToken);
        TempData["notice"] = "Votre compte a été mis à jour.";
        return Redirect("/agents/edit");
    }

    public sealed class NamesInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
    }
}
