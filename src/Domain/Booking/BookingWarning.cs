namespace RdvSP.Domain.Booking;

/// <summary>A benign, overridable warning (French message); <see cref="AgentId"/>/<see cref="UserId"/> say whom it concerns.</summary>
public sealed record BookingWarning(string Code, string Message, long? AgentId = null, long? UserId = null);
