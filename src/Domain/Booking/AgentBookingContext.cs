using RdvSP.Domain.Availability;

namespace RdvSP.Domain.Booking;

/// <summary>What the agent-side checks look at: the agents' and participants' RDVs, the agents' absences and plages.</summary>
public sealed record AgentBookingContext
{
    public required DateTimeOffset Now { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    public IReadOnlyList<ExistingRdv> Rdvs { get; init; } = [];

    public IReadOnlyList<Absence> Absences { get; init; } = [];

    public IReadOnlyList<OpeningPeriod> OpeningPeriods { get; init; } = [];
}
