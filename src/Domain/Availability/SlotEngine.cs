namespace RdvSP.Domain.Availability;

/// <summary>
/// Free slots of the candidate plages (REFERENCE-DOMAIN §4.2 with ARCHITECTURE §5): occurrences minus busy
/// time (holidays, absences, non-cancelled RDVs), cut into slots from the start of each free interval.
/// One pass over the days of the range: each occurrence boundary is converted to UTC once, each agent's
/// busy intervals are sorted and merged once, then swept with a forward cursor.
/// </summary>
public static class SlotEngine
{
    /// <summary>
    /// Usager audience: one slot per start, sorted, the representative being the free agent with the lowest
    /// id (then lowest lieu id). Agent audience: one slot per (start, agent), sorted by start then agent.
    /// </summary>
    public static IReadOnlyList<Slot> Compute(SlotQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SlotComputation.Run(query, perAgent: query.Audience == SlotAudience.Agent, stopAtFirstDay: false);
    }

    /// <summary>
    /// One slot per (start, agent) with the query's audience rules (booking window for usagers): what a
    /// booking needs to pick an agent among the free ones.
    /// </summary>
    public static IReadOnlyList<Slot> ComputePerAgent(SlotQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SlotComputation.Run(query, perAgent: true, stopAtFirstDay: false);
    }

    /// <summary>Agents free for a slot starting exactly at <paramref name="start"/> (booking re-check), by ascending id.</summary>
    public static IReadOnlyList<long> FreeAgentsAt(SlotQuery query, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offsets = ZoneOffsets.For(query.Zone, DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(start.UtcDateTime));
        var localDay = DateOnly.FromDayNumber((int)(offsets.ToLocalTicks(start.UtcTicks) / TimeSpan.TicksPerDay));
        if (localDay < query.From || localDay > query.To)
        {
            return [];
        }

        var slots = SlotComputation.Run(query with { From = localDay, To = localDay }, perAgent: true, stopAtFirstDay: false);
        var agents = new List<long>();
        foreach (var slot in slots)
        {
            if (slot.Start == start)
            {
                agents.Add(slot.AgentId);
            }
        }

        return agents;
    }
}
