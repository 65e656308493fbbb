namespace RdvSP.Domain.Booking;

/// <summary>The reference's <c>rdv_status</c> values (REFERENCE-DOMAIN §5.6).</summary>
public enum RdvStatus
{
    Unknown,
    Seen,
    Noshow,
    Excused,
    Revoked,
}
