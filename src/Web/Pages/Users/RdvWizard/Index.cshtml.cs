using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.BookingDraft;
using RdvSP.Application.Booking.BookRdv;
using RdvSP.Application.Booking.JoinCollectiveRdv;
using RdvSP.Web.Http;

namespace RdvSP.Web.Pages.Users.RdvWizard;

/// <summary>
/// The booking wizard (REFERENCE-SURFACES §1.3): 1. Vos informations, 2. Choix de l'usager,
/// 3. Confirmation. Signing in comes first (the cookie challenge stores this URL as ReturnUrl). Every
/// step re-checks the slot; the confirmation re-checks it once more inside the booking transaction.
/// </summary>
[Authorize(AuthenticationSchemes = UsagerAuthentication.Scheme)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [FromQuery(Name = "step")] public int Step { get; set; } = 1;
    [FromQuery(Name = "motif_id")] public long MotifId { get; set; }
    [FromQuery(Name = "lieu_id")] public long? LieuId { get; set; }
    [FromQuery(Name = "starts_at")] public DateTimeOffset? StartsAt { get; set; }
    [FromQuery(Name = "rdv_collectif_id")] public long? RdvCollectifId { get; set; }
    [FromQuery(Name = "participant_ids")] public List<long> ParticipantIds { get; set; } = [];

    public BookingDraft? Draft { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Ill-formed values never get here (the edge rules answer 400); these are the link's own rules.
        if (MotifId == 0 || Step is < 1 or > 3) return Invalid();
        if (!await LoadAsync(ct)) return Unavailable();
        if (Step == 3 && !ParticipantsValid()) Step = 2;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (MotifId == 0 || (RdvCollectifId is null && StartsAt is null)) return Invalid();
        var usagerId = User.UsagerId()!.Value;
        // The command re-checks everything itself (slot, family, seats) inside its transaction: no
        // second load of the draft on this hot path; the draft is only loaded again to show a refusal.
        if (ParticipantIds.Count == 0 || (RdvCollectifId is not null && ParticipantIds.Count != 1))
        {
            if (!await LoadAsync(ct)) return Unavailable();
            Step = 2;
            Error = "Choisissez pour qui vous prenez rendez-vous.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (RdvCollectifId is { } collectiveId)
        {
            var joined = await sender.Send(new JoinCollectiveRdvCommand(usagerId, collectiveId, ParticipantIds[0]), ct);
            if (joined.IsFailure) return Refused(joined.Error.Message);
            TempData["Flash"] = "Participation confirmée";
            return Redirect($"/users/rdvs/{collectiveId}");
        }

        var booked = await sender.Send(new BookRdvCommand(usagerId, MotifId, LieuId, StartsAt!.Value, ParticipantIds), ct);
        if (booked.IsFailure) return Refused(booked.Error.Message);
        TempData["Flash"] = "Votre rendez-vous a été confirmé.";
        return Redirect($"/users/rdvs/{booked.Value.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var draft = await sender.Send(new GetBookingDraftQuery(User.UsagerId()!.Value, MotifId, LieuId, StartsAt, RdvCollectifId), ct);
        if (draft.IsFailure)
        {
            Error = draft.Error.Message;
            return false;
        }
        Draft = draft.Value;
        return true;
    }

    private bool ParticipantsValid()
    {
        if (Draft is null || ParticipantIds.Count == 0) return false;
        var family = Draft.Relatives.Select(r => r.Id).Append(Draft.Usager.Id).ToHashSet();
        // A collective rdv takes one member per family.
        return ParticipantIds.All(family.Contains) && (RdvCollectifId is null || ParticipantIds.Count == 1);
    }

    /// <summary>The slot vanished (or never existed): say so in French and offer to search again.</summary>
    private PageResult Unavailable()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        Error ??= "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre.";
        Draft = null;
        return Page();
    }

    private PageResult Refused(string message)
    {
        Error = message;
        Draft = null;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Error = "Le lien de réservation n'est pas valide. Veuillez recommencer votre recherche.";
        Draft = null;
        return Page();
    }

    /// <summary>A detour (profile, new relative) that brings the usager back to this step afterwards.</summary>
    public string Detour(string path, int step) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, "returnUrl", StepLink(step));

    public string StepLink(int step, IEnumerable<long>? participants = null)
    {
        var values = new List<KeyValuePair<string, string?>>
        {
            new("step", step.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("motif_id", MotifId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (LieuId is { } l) values.Add(new("lieu_id", l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (StartsAt is { } s) values.Add(new("starts_at", s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
        if (RdvCollectifId is { } c) values.Add(new("rdv_collectif_id", c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var p in participants ?? ParticipantIds) values.Add(new("participant_ids", p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/users/rdv_wizard_step", values);
    }
}
