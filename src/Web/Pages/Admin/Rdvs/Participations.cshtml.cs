using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Application.Booking.CollectiveRdvs;
using RdvSP.Application.Usagers.AgentSpace;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Common;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Rdvs;

/// <summary>
/// Participants of a collective RDV (REFERENCE-SURFACES §2.3.5, §2.3.7): search a usager and "Ajouter",
/// "Retirer"; a full RDV asks first, and "Ajouter quand même" overbooks on the agent's explicit choice.
/// </summary>
public sealed class ParticipationsModel(ISender sender) : PageModel
{
    [FromRoute] public long OrganisationId { get; set; }
    [FromRoute] public long RdvId { get; set; }
    [FromQuery(Name = "term")] public string? Term { get; set; }

    public AgentRdvView View { get; private set; } = null!;
    public IReadOnlyList<UsagerRow> Found { get; private set; } = [];

    /// <summary>Set when the RDV was full: the usager the agent may still add with "Ajouter quand même".</summary>
    public long? OverbookUserId { get; private set; }

    public SeatsStatus Seats => CollectiveCapacity.Seats(View.Rdv.MaxParticipantsCount, View.Rdv.UsersCount);

    public int? RemainingSeats => View.Rdv.MaxParticipantsCount is { } max ? Math.Max(0, max - View.Rdv.UsersCount) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!View.Rdv.Collectif) return Redirect(AdminUrls.Rdv(OrganisationId, RdvId));
        if (!string.IsNullOrWhiteSpace(Term))
            Found = await sender.Send(new SearchUsagersQuery(OrganisationId, Term, View.Rdv.Participants.Where(p => !RdvStatuses.IsCancelled(p.Status)).Select(p => p.UserId).ToList()), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync([FromForm(Name = "user_id")] long userId, [FromForm(Name = "overbook")] bool overbook, CancellationToken ct)
    {
        var added = await sender.Send(new AddCollectiveParticipantCommand(OrganisationId, RdvId, userId, overbook), ct);
        if (added.IsSuccess) return Done("Participants mis à jour.");
        await LoadAsync(ct);
        if (added.Error == CollectiveRdvErrors.Full) OverbookUserId = userId;
        return Refused(added.Error);
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromForm(Name = "participation_id")] long participationId, CancellationToken ct)
    {
        var removed = await sender.Send(new RemoveCollectiveParticipantCommand(OrganisationId, RdvId, participationId), ct);
        if (removed.IsSuccess) return Done("Participants mis à jour.");
        await LoadAsync(ct);
        return Refused(removed.Error);
    }

    private RedirectResult Done(string notice)
    {
        TempData["notice"] = notice;
        return Redirect(AdminUrls.RdvParticipations(OrganisationId, RdvId));
    }

    private PageResult Refused(Error error)
    {
        ModelState.AddModelError(string.Empty, error.Message);
        Response.StatusCode = error == CollectiveRdvErrors.Full ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => View = await sender.Send(new GetAgentRdvQuery(OrganisationId, RdvId), ct);
}
