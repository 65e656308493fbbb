using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Domain.Common;
using RdvSP.Web.Pages.Admin.Shared;

namespace RdvSP.Web.Pages.Admin.Rdvs;

/// <summary>The RDV page (REFERENCE-SURFACES §2.3.5): status choices by temporal status, participants, Modifier / Dupliquer / Supprimer.</summary>
public sealed class ShowModel(ISender sender, TimeProvider clock) : PageModel
{
    public AgentRdvView View { get; private set; } = null!;
    public long OrganisationId { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The notification history: e-mails and SMS sent or failed for this RDV.</summary>
    public IReadOnlyList<RdvReceipt> Receipts { get; private set; } = [];

    public string LocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.TryFindSystemTimeZoneById(View.Rdv.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc)
            .ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>« Envoyer un rappel manuellement » is offered for an RDV still to come (the command checks it again).</summary>
    public bool CanRemind => !View.Rdv.IsCancelled && View.Rdv.StartsAt > clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        await LoadAsync(organisationId, rdvId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(long organisationId, long rdvId, [FromForm(Name = "status")] string? status, CancellationToken ct)
    {
        var result = await sender.Send(new SetAgentRdvStatusCommand(organisationId, rdvId, status ?? ""), ct);
        if (result.IsFailure) return await RefusedAsync(organisationId, rdvId, result.Error, ct);
        TempData["notice"] = "Le statut du rendez-vous a été mis à jour.";
        return Redirect(AdminUrls.Rdv(organisationId, rdvId));
    }

    public async Task<IActionResult> OnPostReminderAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        var result = await sender.Send(new SendRdvReminderCommand(organisationId, rdvId), ct);
        if (result.IsFailure) return await RefusedAsync(organisationId, rdvId, result.Error, ct);
        TempData["notice"] = "Le rappel va être envoyé aux participants qui l'acceptent.";
        return Redirect(AdminUrls.Rdv(organisationId, rdvId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        var result = await sender.Send(new DeleteAgentRdvCommand(organisationId, rdvId), ct);
        if (result.IsFailure) return await RefusedAsync(organisationId, rdvId, result.Error, ct);
        TempData["notice"] = "Le rendez-vous a été supprimé.";
        return Redirect(AdminUrls.Rdvs(organisationId));
    }

    /// <summary>"Dupliquer": the créneaux search with this RDV's motif, usagers, context and lieu, from tomorrow.</summary>
    public string DuplicateUrl()
    {
        var rdv = View.Rdv;
        var tomorrow = DateOnly.FromDateTime(FrenchLocal(clock.GetUtcNow())).AddDays(1);
        var query = new List<string>
        {
            $"motif_id={rdv.MotifId.ToString(CultureInfo.InvariantCulture)}",
            $"from_date={tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
        if (rdv.LieuId is { } lieu) query.Add($"lieu_ids[]={lieu.ToString(CultureInfo.InvariantCulture)}");
        query.AddRange(rdv.Participants.Select(p => $"user_ids[]={p.UserId.ToString(CultureInfo.InvariantCulture)}"));
        if (!string.IsNullOrEmpty(rdv.Context)) query.Add($"context={Uri.EscapeDataString(rdv.Context)}");
        return $"{AdminUrls.CreneauxSearch(OrganisationId)}?{string.Join('&', query)}";
    }

    public DateTime FrenchLocal(DateTimeOffset instant) => Http.FrenchFormat.Local(instant, View.Rdv.TimeZone);

    private async Task LoadAsync(long organisationId, long rdvId, CancellationToken ct)
    {
        OrganisationId = organisationId;
        View = await sender.Send(new GetAgentRdvQuery(organisationId, rdvId), ct);
        Receipts = await sender.Send(new ListRdvReceiptsQuery(organisationId, rdvId), ct);
    }

    private async Task<IActionResult> RefusedAsync(long organisationId, long rdvId, Error error, CancellationToken ct)
    {
        if (error == Application.Booking.Abstractions.BookingErrors.RdvNotFound) return NotFound();
        await LoadAsync(organisationId, rdvId, ct);
        Error = error.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
