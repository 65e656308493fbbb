namespace RdvSP.Domain.Availability;

/// <summary>A busy interval of an agent (a non-cancelled RDV in any organisation), half-open [Start, End).</summary>
public readonly record struct AgentBusy(long AgentId, DateTimeOffset Start, DateTimeOffset End);
