using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.OrganisationAgents;
using RdvSP.Domain.Common;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.OrganisationAgents;

/// <summary>"Modifier" an agent of the organisation: role, names, services; "Renvoyer l'invitation"; "Retirer de l'organisation".</summary>
public sealed class EditModel(IMediator mediator) : LoadFirstPageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromRoute] public long AgentId { get; set; }
    [BindProperty] public AgentFormInput Input { get; set; } = new();

    public OrganisationAgentForm Form { get; private set; } = new([], null);
    public OrganisationAgentRow Agent => Form.Agent!;

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Form = await mediator.Send(new GetOrganisationAgentFormQuery(OrganisationId, AgentId), cancellationToken);

    public IActionResult OnGet()
    {
        Input = FromStored();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new UpdateOrganisationAgentCommand(
            OrganisationId, AgentId, Input.AccessLevel ?? "", Input.FirstName, Input.LastName, Input.ServiceIds,
            Agent.AccessLevel == "intervenant" ? Input.Email : null), cancellationToken);
        return Done(result, "Les informations de l'agent ont été enregistrées.", AdminUrls.OrganisationAgents(OrganisationId), formPosted: true);
    }

    public async Task<IActionResult> OnPostReinviteAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ReinviteOrganisationAgentCommand(OrganisationId, AgentId), cancellationToken);
        return Done(result, "L'invitation a été renvoyée.", AdminUrls.EditOrganisationAgent(OrganisationId, AgentId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RemoveOrganisationAgentCommand(OrganisationId, AgentId), cancellationToken);
        return Done(result, "L'agent a été retiré de l'organisation.", AdminUrls.OrganisationAgents(OrganisationId));
    }

    private IActionResult Done(Result result, string notice, string next, bool formPosted = false)
    {
        if (result.IsSuccess)
        {
            TempData["notice"] = notice;
            return Redirect(next);
        }
        // A button outside the form posts no fields: the form shows what is stored.
        if (!formPosted) Input = FromStored();
        ModelState.AddModelError(string.Empty, result.Error.Message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private AgentFormInput FromStored() => new()
    {
        AccessLevel = Agent.AccessLevel,
        Email = Agent.Email,
        FirstName = Agent.FirstName,
        LastName = Agent.LastName,
        ServiceIds = Agent.ServiceIds.ToList(),
    };
}
