namespace RdvSP.Application.Api.Authentication;

/// <summary>The agent an API call acts as (the whitelist of REFERENCE-API §1.2's <c>data</c>).</summary>
public sealed record ApiAgent
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string? FirstName { get; init; }
    public string? LastName { get; init; }

    /// <summary>The expiry of the token the agent was found by (null outside token look-ups).</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }
}

/// <summary>API device tokens (<c>api.agent_tokens</c>), stored as SHA-256 hashes, one per agent.</summary>
public interface IApiTokenStore
{
    /// <summary>Replaces the agent's token (the previous device is signed out) and returns the agent.</summary>
    Task<ApiAgent> IssueAsync(long agentId, string client, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The agent of a valid, unexpired token for this e-mail (<c>uid</c>) and client, or null.</summary>
    Task<ApiAgent?> FindAsync(string uid, string client, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes that token; false when it did not exist.</summary>
    Task<bool> RevokeAsync(string uid, string client, string tokenHash, CancellationToken cancellationToken);

    /// <summary>An active agent by e-mail (the partner shared-secret scheme), or null.</summary>
    Task<ApiAgent?> FindAgentAsync(string email, CancellationToken cancellationToken);
}
