namespace RdvSP.Domain.Availability;

/// <summary>A free slot ("créneau"): UTC instants, the agent whose plage produced it and that plage's lieu.</summary>
public readonly record struct Slot(DateTimeOffset Start, DateTimeOffset End, long AgentId, long? LieuId);
