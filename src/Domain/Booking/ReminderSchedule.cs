namespace RdvSP.Domain.Booking;

/// <summary>
/// When the J-2 reminder goes (REFERENCE-DOMAIN §6.3, ARCHITECTURE §5): at exactly start − 48 h, planned
/// when the RDV is created or moved; none for a cancelled RDV, none when that moment has already passed.
/// </summary>
public static class ReminderSchedule
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(48);

    public static DateTimeOffset? ReminderAt(DateTimeOffset rdvStart, RdvStatus status, DateTimeOffset now) =>
        ReminderAt(rdvStart, status, now, Lead);

    /// <summary>The same with the organisation's own lead time.</summary>
    public static DateTimeOffset? ReminderAt(DateTimeOffset rdvStart, RdvStatus status, DateTimeOffset now, TimeSpan lead)
    {
        if (status.IsCancelled())
        {
            return null;
        }

        var at = rdvStart - lead;
        return at >= now ? at : null;
    }

    /// <summary>The reminder job aborts only when the RDV has already ended.</summary>
    public static bool ShouldStillSend(DateTimeOffset rdvEnd, DateTimeOffset now) => rdvEnd > now;
}
