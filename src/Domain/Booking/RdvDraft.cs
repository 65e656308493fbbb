namespace RdvSP.Domain.Booking;

/// <summary>An RDV an agent is about to create or save (<see cref="RdvId"/> set when editing).</summary>
public sealed record RdvDraft(
    long? RdvId,
    long OrganisationId,
    long MotifId,
    long? LieuId,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<long> AgentIds,
    IReadOnlyList<long> UserIds,
    bool IsCollective = false,
    string? Name = null);
