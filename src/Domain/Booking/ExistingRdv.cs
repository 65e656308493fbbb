namespace RdvSP.Domain.Booking;

/// <summary>An RDV already stored, as the agent-side checks need it (any organisation).</summary>
public sealed record ExistingRdv(
    long RdvId,
    long OrganisationId,
    long MotifId,
    long? LieuId,
    DateTimeOffset Start,
    DateTimeOffset End,
    RdvStatus Status,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<long> UserIds);
