namespace RdvSP.Domain.Availability;

/// <summary>A collective RDV as the "slot" of a collective motif (REFERENCE-DOMAIN §4.6).</summary>
public sealed record CollectiveRdv(
    long RdvId,
    long? LieuId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int? MaxParticipants,
    int ParticipantsCount,
    bool Revoked)
{
    /// <summary>Seats left: no maximum, or fewer non-cancelled participants than the maximum.</summary>
    public bool HasSeatsLeft => MaxParticipants is not { } max || ParticipantsCount < max;
}
