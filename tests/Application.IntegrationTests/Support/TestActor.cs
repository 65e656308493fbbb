using RdvSP.Application.Common.Authorization;

namespace RdvSP.Application.IntegrationTests.Support;

/// <summary>The "signed-in" actor of a test scope (nobody by default, as a job): the unit of work hands it to the audit trail.</summary>
public sealed class TestActor : ICurrentActor
{
    public long? AgentId { get; set; }

    public long? UsagerId { get; set; }
}
