using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Organisations.OrganisationAgents;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.OrganisationAgents;

/// <summary>"Ajouter un agent": role, e-mail (invitation sent) or only a name for an intervenant, services.</summary>
public sealed class NewModel(IMediator mediator) : LoadFirstPageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [BindProperty] public AgentFormInput Input { get; set; } = new();

    public OrganisationAgentForm Form { get; private set; } = new([], null);

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Form = await mediator.Send(new GetOrganisationAgentFormQuery(OrganisationId, null), cancellationToken);

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var added = await mediator.Send(new InviteOrganisationAgentCommand(
            OrganisationId, Input.AccessLevel ?? "", Input.Email, Input.FirstName, Input.LastName, Input.ServiceIds), cancellationToken);
        if (added.IsFailure)
        {
            ModelState.AddModelError(string.Empty, added.Error.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["notice"] = Input.AccessLevel == "intervenant"
            ? "L'intervenant a été ajouté à l'organisation."
            : "L'agent a été ajouté à l'organisation ; s'il n'a pas encore de compte, une invitation lui a été envoyée par e-mail.";
        return Redirect(AdminUrls.OrganisationAgents(OrganisationId));
    }

}
