namespace RdvSP.Domain.Booking;

/// <summary>Who may book a motif (REFERENCE-DOMAIN §2.5, §5.1).</summary>
public enum BookableBy
{
    Agents,
    AgentsAndPrescripteurs,
    AgentsAndPrescripteursAndInvitedUsers,
    Everyone,
}
