namespace RdvSP.Domain.Booking;

/// <summary>The effect of setting an RDV's status: its new <c>cancelled_at</c> and every participation's new status (same order).</summary>
public sealed record RdvStatusChange(RdvStatus Status, DateTimeOffset? CancelledAt, IReadOnlyList<RdvStatus> Participations);
