namespace RdvSP.Domain.Availability;

/// <summary>
/// The agent filter of user-side searches (REFERENCE-DOMAIN §4.5, §10 #12). Null means "no filter": the
/// caller then keeps every agent with a plage for the motif.
/// </summary>
public static class AgentEligibility
{
    public static IReadOnlyList<long>? ForUsagerSearch(
        bool followUpMotif,
        IReadOnlyList<long>? referentAgentIds,
        bool agentLevelSectorisation,
        IReadOnlyList<long>? sectorAgentIds)
    {
        if (followUpMotif && referentAgentIds is { Count: > 0 })
        {
            return referentAgentIds;
        }

        if (followUpMotif && referentAgentIds is not null)
        {
            return null; // the reference's rule: a known usager without referent is not filtered (§4.5 quirk kept).
        }

        if (agentLevelSectorisation && sectorAgentIds is { Count: > 0 })
        {
            return sectorAgentIds;
        }

        return null;
    }

    /// <summary>Agent-side search: selected agents plus members of selected teams; none selected = no filter.</summary>
    public static IReadOnlyList<long>? ForAgentSearch(IEnumerable<long> selectedAgentIds, IEnumerable<long> selectedTeamMemberIds)
    {
        var set = new SortedSet<long>(selectedAgentIds);
        set.UnionWith(selectedTeamMemberIds);
        return set.Count == 0 ? null : [.. set];
    }
}
