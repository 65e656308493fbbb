using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Domain.Booking;
using RdvSP.Web.Http;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Rdvs;

/// <summary>"Modifier le RDV" (REFERENCE-SURFACES §2.3.6): context, start, duration, lieu, agents, participants' notification flags; the wizard's warnings.</summary>
public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty] public EditInput Input { get; set; } = new();

    public AgentRdvView View { get; private set; } = null!;
    public long OrganisationId { get; private set; }
    public AgentRdvOutcome? Outcome { get; private set; }
    public IReadOnlyList<BookingWarning> Warnings => Outcome?.Warnings ?? [];

    public sealed class EditInput
    {
        /// <summary>Organisation local time, yyyy-MM-ddTHH:mm (the datetime-local field).</summary>
        public string? StartsAt { get; set; }
        public int DurationInMin { get; set; }
        public List<long> AgentIds { get; set; } = [];
        public long? LieuId { get; set; }
        public string? NewLieuName { get; set; }
        public string? NewLieuAddress { get; set; }
        public string? Context { get; set; }
        public List<long> LifecycleUserIds { get; set; } = [];
        public List<long> ReminderUserIds { get; set; } = [];
        public bool Confirm { get; set; }
        public string? WarningsToken { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        await LoadAsync(organisationId, rdvId, ct);
        var rdv = View.Rdv;
        Input = new EditInput
        {
            StartsAt = FrenchFormat.Local(rdv.StartsAt, rdv.TimeZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            DurationInMin = rdv.DurationInMin,
            AgentIds = rdv.Agents.Select(a => a.AgentId).ToList(),
            LieuId = rdv.LieuId,
            Context = rdv.Context,
            LifecycleUserIds = rdv.Participants.Where(p => p.SendLifecycleNotifications).Select(p => p.UserId).ToList(),
            ReminderUserIds = rdv.Participants.Where(p => p.SendReminderNotification).Select(p => p.UserId).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        await LoadAsync(organisationId, rdvId, ct);
        if (!DateTime.TryParseExact(Input.StartsAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            ModelState.AddModelError("Input.StartsAt", "La date et l'heure du RDV doivent être au format AAAA-MM-JJTHH:MM.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var participants = View.Rdv.Participants
            .Select(p => new ParticipantFlags(p.UserId, Input.LifecycleUserIds.Contains(p.UserId), Input.ReminderUserIds.Contains(p.UserId)))
            .ToList();
        Outcome = await sender.Send(new UpdateAgentRdvCommand(organisationId, rdvId, start, Input.DurationInMin, Input.AgentIds, participants,
            Input.NewLieuName is { Length: > 0 } ? null : Input.LieuId, Input.NewLieuName, Input.NewLieuAddress, Input.Context,
            Input.Confirm ? Input.WarningsToken : null), ct);
        if (Outcome.IsSuccess)
        {
            TempData["notice"] = "Le rendez-vous a été modifié.";
            return Redirect(AdminUrls.Rdv(organisationId, rdvId));
        }
        if (!Outcome.NeedsConfirmation) ModelState.AddModelError(string.Empty, Outcome.Error.Message);
        Response.StatusCode = Outcome.NeedsConfirmation ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        OrganisationId = organisationId;
        View = await sender.Send(new GetAgentRdvQuery(organisationId, rdvId), ct);
    }
}
