namespace RdvSP.Domain.Booking;

/// <summary>Display split of <see cref="RdvStatus.Unknown"/> by the RDV's local day (REFERENCE-DOMAIN §2.8).</summary>
public enum TemporalStatus
{
    UnknownFuture,
    UnknownToday,
    UnknownPast,
    Final,
}
