using RdvSP.Domain.Availability;

namespace RdvSP.Domain.UnitTests.Availability;

public class AgentEligibilityTests
{
    [Test]
    public void Case12_follow_up_uses_referents_no_referent_no_filter_and_empty_sector_no_filter()
    {
        AgentEligibility.ForUsagerSearch(followUpMotif: true, [4, 5], agentLevelSectorisation: false, null).Should().Equal(4L, 5L);
        AgentEligibility.ForUsagerSearch(followUpMotif: true, [], agentLevelSectorisation: false, null).Should().BeNull();
        AgentEligibility.ForUsagerSearch(followUpMotif: false, null, agentLevelSectorisation: true, [9]).Should().Equal(9L);
        AgentEligibility.ForUsagerSearch(followUpMotif: false, null, agentLevelSectorisation: true, []).Should().BeNull();
        AgentEligibility.ForUsagerSearch(followUpMotif: false, [4], agentLevelSectorisation: false, [9]).Should().BeNull();
    }

    [Test]
    public void Agent_search_unions_agents_and_team_members()
    {
        AgentEligibility.ForAgentSearch([3, 1], [2, 3]).Should().Equal(1L, 2L, 3L);
        AgentEligibility.ForAgentSearch([], []).Should().BeNull();
    }
}
