namespace RdvSP.Application.Identity.Abstractions;

/// <summary>Password hashing, behind a port so use cases and the seed share one format.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but hashed with older parameters: store a fresh hash.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// Usager credentials (identity.usager_accounts). Secrets sent by e-mail (confirmation, reset) are
/// stored as hashes: callers pass and look up hashes, never the tokens themselves.
/// </summary>
public interface IUsagerAccountRepository
{
    /// <summary>The account of the active usager with this e-mail, or null (no usager, or usager without account).</summary>
    Task<AccountDto?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<AccountDto?> GetAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Creates the account row (idempotent: an existing row is left as is).</summary>
    Task CreateAsync(long userId, string? passwordHash, DateTimeOffset? emailConfirmedAt, CancellationToken cancellationToken);

    Task SetPasswordAsync(long userId, string passwordHash, CancellationToken cancellationToken);

    Task RecordSuccessfulSignInAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task SetConfirmationTokenAsync(long userId, string tokenHash, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Confirms the e-mail of the account holding this token hash (token consumed); returns its user id.</summary>
    /// <remarks>Only a token sent less than <see cref="Common.IdentityLimits.ConfirmationTokenLifetime"/> before <paramref name="now"/> works.</remarks>
    Task<long?> ConfirmEmailAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    Task SetResetTokenAsync(long userId, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Sets the new password if the reset token is valid at <paramref name="now"/> (token consumed); returns the user id.</summary>
    Task<long?> ResetPasswordAsync(string tokenHash, string newPasswordHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the credentials (account deletion, with IUsagerRepository.AnonymiseAsync).</summary>
    Task DeleteAsync(long userId, CancellationToken cancellationToken);
}

/// <summary>
/// Agent credentials (identity.agent_accounts): password, invitation and reset tokens. As for usagers,
/// callers pass and look up token hashes, never the tokens themselves.
/// </summary>
public interface IAgentAccountRepository
{
    Task<AccountDto?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<AccountDto?> GetAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>The active agent with this e-mail and the state of his account (none yet: no row), or null.</summary>
    Task<AgentAccountState?> FindStateByEmailAsync(string email, CancellationToken cancellationToken);

    Task<AgentAccountState?> GetStateAsync(long agentId, CancellationToken cancellationToken);

    /// <summary>Stores a new invitation token (the previous one stops working); creates the account row if needed.</summary>
    Task SetInvitationTokenAsync(long agentId, string tokenHash, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>The invitation holding this token hash, whether still valid or not (null: unknown or already used).</summary>
    Task<AgentInvitationDto?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts the invitation if its token was sent after <paramref name="sentAfter"/> and not used yet:
    /// sets the password, consumes the token (single use). Returns the agent id, or null.
    /// </summary>
    Task<long?> AcceptInvitationAsync(string tokenHash, string passwordHash, DateTimeOffset sentAfter, DateTimeOffset now, CancellationToken cancellationToken);

    Task SetResetTokenAsync(long agentId, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Sets the new password if the reset token is valid at <paramref name="now"/> (token consumed); returns the agent id.</summary>
    Task<long?> ResetPasswordAsync(string tokenHash, string newPasswordHash, DateTimeOffset now, CancellationToken cancellationToken);

    Task SetPasswordAsync(long agentId, string passwordHash, DateTimeOffset? emailConfirmedAt, CancellationToken cancellationToken);

    Task<int> RecordFailedSignInAsync(long agentId, int maxAttempts, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    Task RecordSuccessfulSignInAsync(long agentId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Credentials of a usager (<see cref="OwnerId"/> = user id) or an agent (agent id).</summary>
public sealed record AccountDto
{
    public long OwnerId { get; init; }
    public string? Email { get; init; }
    public string? PasswordHash { get; init; }
    public int FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? EmailConfirmedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
}

/// <summary>An active agent (e-mail, names) and his account: password set, invitation pending or accepted.</summary>
public sealed record AgentAccountState
{
    public long AgentId { get; init; }
    public string Email { get; init; } = "";
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public bool HasPassword { get; init; }
    public bool InvitationPending { get; init; }
    public DateTimeOffset? InvitationAcceptedAt { get; init; }
}

/// <summary>An invitation found by its token hash: whom it invites and when it was sent (it expires 7 days later).</summary>
public sealed record AgentInvitationDto
{
    public long AgentId { get; init; }
    public string Email { get; init; } = "";
    public string? FirstName { get; init; }
    public string LastName { get; init; } = "";
    public DateTimeOffset SentAt { get; init; }
}
