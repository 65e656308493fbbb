namespace RdvSP.Application.Common.Authorization;

/// <summary>
/// Who sends the current request. The web layer fills it from the authentication cookie of the
/// area the request belongs to (agents' back-office or usagers' pages); jobs and the seed run as nobody.
/// </summary>
public interface ICurrentActor
{
    /// <summary>The signed-in agent, or null.</summary>
    long? AgentId { get; }

    /// <summary>The signed-in usager, or null.</summary>
    long? UsagerId { get; }
}
