namespace RdvSP.Domain.Availability;

/// <summary>
/// The reference's "expired" flag (§3.6): an element is expired when it can have no occurrence today or
/// later. The slot engine needs no such flag (expansion ignores the past); it drives the nightly refresh.
/// </summary>
public static class ExpirationPolicy
{
    public static bool IsExpired(OpeningPeriod period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Recurrence is null
            ? period.FirstDay < today
            : period.Recurrence.Until is { } until && until < today;
    }

    public static bool IsExpired(Absence absence, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(absence);
        return absence.Recurrence is null
            ? absence.EndDay < today && absence.FirstDay < today
            : absence.Recurrence.Until is { } until && until < today;
    }
}
