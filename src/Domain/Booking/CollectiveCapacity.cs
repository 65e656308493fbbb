using RdvSP.Domain.Common;

namespace RdvSP.Domain.Booking;

/// <summary>Capacity of collective RDVs (REFERENCE-DOMAIN §2.8, §5.5; enforced on insert per ARCHITECTURE §5).</summary>
public static class CollectiveCapacity
{
    public static readonly Error Full = new("rdv.full", "Ce RDV collectif est complet.");

    public static readonly Error InvalidMaximum =
        new("rdv.max_participants_count", "Le nombre maximum de participants doit être supérieur à 0.");

    public static SeatsStatus Seats(int? maxParticipants, int participantsCount) =>
        maxParticipants is not { } max || participantsCount < max ? SeatsStatus.RemainingSeats
        : participantsCount == max ? SeatsStatus.FullyBooked
        : SeatsStatus.Overbooked;

    /// <summary>A new participant fits when a seat is left; an agent may overbook only explicitly.</summary>
    public static Result CanAddParticipant(int? maxParticipants, int participantsCount, bool agentOverbooksExplicitly = false) =>
        agentOverbooksExplicitly || Seats(maxParticipants, participantsCount) == SeatsStatus.RemainingSeats
            ? Result.Success
            : Full;

    public static Result ValidateMaximum(int? maxParticipants) =>
        maxParticipants is null or > 0 ? Result.Success : InvalidMaximum;
}
