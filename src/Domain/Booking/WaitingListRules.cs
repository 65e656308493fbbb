namespace RdvSP.Domain.Booking;

/// <summary>The waiting-list job's pure part (REFERENCE-DOMAIN §5.9, §10 #19).</summary>
public static class WaitingListRules
{
    public const int MaxNotifications = 3;

    /// <summary>Whether the job looks at a subscription at all: RDV more than 7 days ahead, not a phone motif.</summary>
    public static bool ShouldCheck(DateTimeOffset rdvStart, DateTimeOffset now, LocationType locationType) =>
        locationType != LocationType.Phone && rdvStart > now + BookingRules.WaitingListNotice;

    /// <summary>Local days searched for an earlier slot: today to the RDV's day minus 2 days (empty when last &lt; first).</summary>
    public static (DateOnly First, DateOnly Last) SearchDays(DateOnly today, DateOnly rdvDay) => (today, rdvDay.AddDays(-2));

    /// <summary>Notify when an earlier slot exists, fewer than 3 notifications were sent, and none today.</summary>
    public static bool ShouldNotify(bool earlierSlotExists, int notificationsSent, DateOnly? lastNotifiedDay, DateOnly today) =>
        earlierSlotExists && notificationsSent < MaxNotifications && lastNotifiedDay != today;
}
