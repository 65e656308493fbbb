namespace RdvSP.Domain.Availability;

/// <summary>
/// Slot timing of a motif. By default (the reference) the grid steps by the duration and nothing is
/// reserved after an RDV. <see cref="StepMinutes"/> sets a different grid step; <see cref="BufferAfterMinutes"/>
/// keeps that much free time after every RDV of the agent and after every proposed slot.
/// </summary>
public sealed record MotifTiming(int DurationMinutes, int? StepMinutes = null, int? BufferAfterMinutes = null)
{
    public int EffectiveStepMinutes => StepMinutes ?? (DurationMinutes + (BufferAfterMinutes ?? 0));

    public int EffectiveBufferMinutes => BufferAfterMinutes ?? 0;
}
