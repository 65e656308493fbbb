using Mediator;
using Microsoft.AspNetCore.Mvc;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Web.Pages.Admin.Shared;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Admin.Usagers;

/// <summary>
/// "Créer un usager", also posted by the RDV wizard's modal: with a ReturnLocation (a local
/// back-office URL), success redirects there with <c>user_ids[]=&lt;id&gt;</c> appended; a refusal shows
/// this full page with its messages and keeps the ReturnLocation.
/// </summary>
public sealed class NewModel(IMediator mediator) : UsagerFormPage(mediator)
{
    public const string ReturnLocationMessage = "L'adresse de retour doit être une page de l'espace agents.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnLocation { get; set; }

    protected override long? EditedUserId => null;

    /// <summary>Where "Annuler" leads.</summary>
    public string Back => string.IsNullOrEmpty(ReturnLocation) ? AdminUrls.Usagers(OrganisationId) : ReturnLocation;

    /// <summary>A foreign or malformed return address is refused before anything is written (no open redirect).</summary>
    protected override string? Refusal() =>
        ReturnLocation is { Length: > 0 } location && !IsBackOfficeLocation(location) ? ReturnLocationMessage : null;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await Mediator.Send(Input.ToCommand(new CreateUsagerCommand { OrganisationId = OrganisationId }), cancellationToken);
        if (outcome.UsagerId is not { } id) return Held(outcome);
        if (ReturnLocation is { Length: > 0 } location) return Redirect(WithUserId(location, id));
        TempData["notice"] = "L'usager a été créé.";
        return Redirect(AdminUrls.Usager(OrganisationId, id));
    }

    private bool IsBackOfficeLocation(string location) =>
        Url.IsLocalUrl(location) && !location.Contains('\\') && AgentAuthentication.IsBackOffice(new PathString(location.Split('?', '#')[0]));

    /// <summary>The location with <c>user_ids[]=id</c> added to its query (before any fragment).</summary>
    internal static string WithUserId(string location, long id)
    {
        var hash = location.IndexOf('#');
        var (path, fragment) = hash >= 0 ? (location[..hash], location[hash..]) : (location, "");
        var separator = path.Contains('?') ? (path.EndsWith('?') || path.EndsWith('&') ? "" : "&") : "?";
        return $"{path}{separator}user_ids[]={id.ToString(System.Globalization.CultureInfo.InvariantCulture)}{fragment}";
    }
}
