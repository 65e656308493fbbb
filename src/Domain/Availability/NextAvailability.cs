namespace RdvSP.Domain.Availability;

/// <summary>
/// Earliest slot in [From, To] (REFERENCE-DOMAIN §4.7, ARCHITECTURE §5): days are visited in order and
/// the search stops at the first day that has a slot, instead of rebuilding week after week.
/// </summary>
public static class NextAvailability
{
    public static Slot? Find(SlotQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var slots = SlotComputation.Run(query, perAgent: false, stopAtFirstDay: true);
        return slots.Count == 0 ? null : slots[0];
    }
}
