using Mediator;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Application.Booking.UsagerRdvs;

namespace RdvSP.Web.Pages.Users.Rdvs;

/// <summary>What the two move steps show, whoever the usager is (account or participation link session).</summary>
public static class MoveSteps
{
    public sealed record SlotsStep(MoveSlots? Slots, string? Error, int StatusCode);

    public sealed record ConfirmationStep(UsagerRdvView Current, MoveConfirmation? Confirmation, string? Error, int StatusCode);

    /// <summary>A week of free slots, or why the RDV cannot be moved online (403); null for an RDV that is not the usager's.</summary>
    public static async Task<SlotsStep?> SlotsAsync(ISender sender, long usagerId, long rdvId, DateOnly? date, CancellationToken ct)
    {
        var slots = await sender.Send(new GetMoveSlotsQuery(usagerId, rdvId, date), ct);
        if (slots.IsSuccess) return new SlotsStep(slots.Value, null, StatusCodes.Status200OK);
        return slots.Error.Code == "booking.rdv_not_found" ? null : new SlotsStep(null, slots.Error.Message, StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The confirmation of <paramref name="startsAt"/>, or why that slot cannot be taken (409, or
    /// <paramref name="refusal"/> after a refused move; 400 without a time); null for an RDV that is not the usager's.
    /// </summary>
    public static async Task<ConfirmationStep?> ConfirmationAsync(ISender sender, long usagerId, long rdvId, DateTimeOffset? startsAt, string? refusal, CancellationToken ct)
    {
        var current = await sender.Send(new GetUsagerRdvQuery(usagerId, rdvId), ct);
        if (current is null) return null;
        if (startsAt is null) return new ConfirmationStep(current, null, "Choisissez un créneau dans la liste.", StatusCodes.Status400BadRequest);
        if (refusal is null)
        {
            var confirmation = await sender.Send(new GetMoveConfirmationQuery(usagerId, rdvId, startsAt.Value), ct);
            if (confirmation.IsSuccess) return new ConfirmationStep(current, confirmation.Value, null, StatusCodes.Status200OK);
            refusal = confirmation.Error.Message;
        }
        return new ConfirmationStep(current, null, refusal, StatusCodes.Status409Conflict);
    }
}
