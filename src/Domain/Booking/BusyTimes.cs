using RdvSP.Domain.Availability;

namespace RdvSP.Domain.Booking;

/// <summary>Turns stored RDVs into the engine's busy intervals: one per agent of each non-cancelled RDV (§4.2 step 4).</summary>
public static class BusyTimes
{
    public static IReadOnlyList<AgentBusy> FromRdvs(IEnumerable<ExistingRdv> rdvs)
    {
        ArgumentNullException.ThrowIfNull(rdvs);
        var result = new List<AgentBusy>();
        foreach (var rdv in rdvs)
        {
            if (rdv.Status.IsCancelled())
            {
                continue;
            }

            foreach (var agentId in rdv.AgentIds)
            {
                result.Add(new AgentBusy(agentId, rdv.Start, rdv.End));
            }
        }

        result.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        return result;
    }
}
