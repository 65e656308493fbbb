using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Domain.Booking;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.RdvWizard;

/// <summary>
/// The agent's RDV wizard (REFERENCE-SURFACES §2.3.3): 1. Motif, 2. Usager(s), 3. Agent(s), horaires &amp; lieu,
/// 4. Notifications. Every step is a GET whose query string carries the state (the contract's names);
/// step 4 posts "Créer RDV" to the same address. Warnings come back on step 4 to be confirmed.
/// </summary>
public sealed class NewModel(ISender sender, TimeProvider clock) : PageModel
{
    public const string StartsAtFormat = "yyyy-MM-ddTHH:mm";

    [FromQuery(Name = "step")] public int Step { get; set; } = 1;
    [FromQuery(Name = "motif_id")] public long? MotifId { get; set; }
    [FromQuery(Name = "starts_at")] public string? StartsAtText { get; set; }
    [FromQuery(Name = "duration_in_min")] public int? DurationInMin { get; set; }
    [FromQuery(Name = "agent_ids[]")] public List<long> AgentIds { get; set; } = [];
    [FromQuery(Name = "user_ids[]")] public List<long> UserIds { get; set; } = [];
    [FromQuery(Name = "lieu_id")] public long? LieuId { get; set; }
    [FromQuery(Name = "lieu_name")] public string? NewLieuName { get; set; }
    [FromQuery(Name = "lieu_address")] public string? NewLieuAddress { get; set; }
    [FromQuery(Name = "context")] public string? Context { get; set; }

    [BindProperty] public NotificationsInput Input { get; set; } = new();

    public long OrganisationId { get; private set; }
    public RdvWizardData Data { get; private set; } = null!;
    public CatalogMotif? Motif { get; private set; }
    public DateTime? StartsAt { get; private set; }
    public List<string> Errors { get; } = [];
    public AgentRdvOutcome? Outcome { get; private set; }

    public sealed class NotificationsInput
    {
        public List<long> LifecycleUserIds { get; set; } = [];
        public List<long> ReminderUserIds { get; set; } = [];
        public bool Confirm { get; set; }
        public string? WarningsToken { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long organisationId, CancellationToken ct)
    {
        await LoadAsync(organisationId, ct);
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long organisationId, CancellationToken ct)
    {
        await LoadAsync(organisationId, ct);
        if (Errors.Count > 0 || Step != 4 || Motif is null || StartsAt is null)
        {
            if (Errors.Count == 0) Errors.Add("Le RDV est incomplet : reprenez les étapes précédentes.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var participants = UserIds.Distinct()
            .Select(id => new ParticipantFlags(id, Input.LifecycleUserIds.Contains(id), Input.ReminderUserIds.Contains(id)))
            .ToList();
        Outcome = await sender.Send(new CreateAgentRdvCommand(organisationId, Motif.Id, StartsAt.Value, DurationInMin ?? Motif.DefaultDurationInMin,
            AgentIds, participants, NewLieuName is { Length: > 0 } ? null : LieuId, NewLieuName, NewLieuAddress, Context,
            Input.Confirm ? Input.WarningsToken : null), ct);
        if (Outcome.IsSuccess)
        {
            TempData["notice"] = "Le rendez-vous a été créé.";
            return Redirect(AdminUrls.AgendaOn(organisationId, Outcome.FirstAgentId, Outcome.LocalDay));
        }
        Response.StatusCode = Outcome.NeedsConfirmation || Outcome.Error.Code is "rdv.duplicate" or "booking.slot_contended" or "booking.slot_unavailable"
            ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        if (!Outcome.NeedsConfirmation) Errors.Add(Outcome.Error.Message);
        return Page();
    }

    /// <summary>This wizard's address with the current state, changed by <paramref name="change"/>.</summary>
    public string StepUrl(int step, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var state = State();
        state.RemoveAll(p => p.Key == "step");
        state.Insert(0, new("step", step.ToString(CultureInfo.InvariantCulture)));
        change?.Invoke(state);
        return $"{AdminUrls.RdvWizard(OrganisationId)}?{string.Join('&', state.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))}";
    }

    /// <summary>The state as query pairs (hidden fields of the steps' GET forms).</summary>
    public List<KeyValuePair<string, string>> State(params string[] except)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value) && !except.Contains(key)) pairs.Add(new(key, value)); }
        static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
        Add("step", S(Step));
        Add("motif_id", MotifId is { } m ? S(m) : null);
        Add("starts_at", StartsAtText);
        Add("duration_in_min", DurationInMin is { } d ? S(d) : null);
        foreach (var a in AgentIds) Add("agent_ids[]", S(a));
        foreach (var u in UserIds) Add("user_ids[]", S(u));
        Add("lieu_id", LieuId is { } l ? S(l) : null);
        Add("lieu_name", NewLieuName);
        Add("lieu_address", NewLieuAddress);
        Add("context", Context);
        return pairs;
    }

    public IReadOnlyList<BookingWarning> Warnings => Outcome?.Warnings ?? [];

    private async Task LoadAsync(long organisationId, CancellationToken ct)
    {
        OrganisationId = organisationId;
        // The use case first: ids of another organisation (or a motif of another service) are refused here.
        Data = await sender.Send(new GetRdvWizardQuery(organisationId, MotifId, UserIds, AgentIds, LieuId), ct);
        Motif = Data.Motif(MotifId);
        if (Step is < 1 or > 4) { Errors.Add("L'étape demandée n'existe pas."); Step = 1; }
        if (MotifId is not null && Motif is null) Errors.Add("Ce motif ne peut pas être utilisé ici.");
        if (!string.IsNullOrEmpty(StartsAtText))
        {
            if (!DateTime.TryParseExact(StartsAtText, [StartsAtFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                Errors.Add("La date et l'heure du RDV doivent être au format AAAA-MM-JJTHH:MM.");
            else if (AgentRdvFieldsValidator<CreateAgentRdvCommand>.StartError(start, clock) is { } error)
                Errors.Add(error);
            else
                StartsAt = start;
        }
        if (DurationInMin is { } duration && duration is < 1 or > AgentRdvFieldsValidator<CreateAgentRdvCommand>.MaxDurationInMin)
            Errors.Add($"La durée doit être comprise entre 1 et {AgentRdvFieldsValidator<CreateAgentRdvCommand>.MaxDurationInMin} minutes.");

        // A step needs the previous ones: the wizard shows the first one left to fill in.
        if (Motif is null) Step = 1;
        else if (Step >= 3 && UserIds.Count == 0) Step = 2;
        else if (Step == 4 && (StartsAt is null || AgentIds.Count == 0 || Errors.Count > 0)) Step = 3;
        if (Step >= 3 && AgentIds.Count == 0 && Errors.Count == 0) AgentIds = [Data.CurrentAgentId];
        if (Step == 4 && Request.Method == HttpMethods.Get)
        {
            // Notifications on by default, as the reference's step 4.
            Input.LifecycleUserIds = [.. UserIds];
            Input.ReminderUserIds = [.. UserIds];
        }
    }
}
