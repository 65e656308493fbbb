namespace RdvSP.Domain.Booking;

/// <summary>Who is booking, as far as <see cref="BookableBy"/> is concerned (REFERENCE-DOMAIN §5.1).</summary>
public enum BookingActor
{
    /// <summary>An agent of the motif's organisation.</summary>
    AgentOfOrganisation,

    /// <summary>An external prescripteur, or an agent of another organisation acting as one.</summary>
    Prescripteur,

    /// <summary>A usager arriving through an invitation link.</summary>
    InvitedUsager,

    /// <summary>Any usager using the public search.</summary>
    Usager,
}
