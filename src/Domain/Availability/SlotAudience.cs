namespace RdvSP.Domain.Availability;

/// <summary>Who looks at the slots: usagers get one slot per start and the booking window; agents get one per (start, agent) and no window.</summary>
public enum SlotAudience
{
    Usager,
    Agent,
}
