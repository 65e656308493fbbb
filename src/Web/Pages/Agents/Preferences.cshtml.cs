using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Identity.AgentAccount;

namespace RdvSP.Web.Pages.Agents;

/// <summary>"Préférences de notifications" (REFERENCE-SURFACES §2.3.18): RDV, plage and absence e-mails.</summary>
public sealed class PreferencesModel(IMediator mediator) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> RdvOptions =
    [
        ("all", "À chaque modification"),
        ("others", "Uniquement les modifications faites par un usager (ou par un autre agent)"),
        ("soon", "Uniquement les modifications faites par un usager (ou par un autre agent) moins de 24 heures à l'avance"),
        ("none", "Jamais"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> AllOrNoneOptions =
    [
        ("all", "À chaque création, modification ou suppression"),
        ("none", "Jamais"),
    ];

    [BindProperty]
    public PreferencesInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetAgentProfileQuery(), cancellationToken);
        Input.RdvNotificationsLevel = profile.RdvNotificationsLevel;
        Input.PlageOuvertureNotificationLevel = profile.PlageOuvertureNotificationLevel;
        Input.AbsenceNotificationLevel = profile.AbsenceNotificationLevel;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(
            new UpdateAgentPreferencesCommand(Input.RdvNotificationsLevel ?? "", Input.PlageOuvertureNotificationLevel ?? "", Input.AbsenceNotificationLevel ?? ""),
            cancellationToken);
        TempData["notice"] = "Vos préférences de notifications ont été enregistrées.";
        return Redirect("/agents/preferences");
    }

    public sealed class PreferencesInput
    {
        public string? RdvNotificationsLevel { get; set; }
        public string? PlageOuvertureNotificationLevel { get; set; }
        public string? AbsenceNotificationLevel { get; set; }
    }
}
