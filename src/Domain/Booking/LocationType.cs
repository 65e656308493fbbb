namespace RdvSP.Domain.Booking;

/// <summary>Where a motif's RDV takes place (REFERENCE-DOMAIN §2.5).</summary>
public enum LocationType
{
    PublicOffice,
    Home,
    Phone,
    Visio,
}
