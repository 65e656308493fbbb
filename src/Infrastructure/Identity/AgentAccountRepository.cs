using Dapper;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Identity;

/// <summary>identity.agent_accounts; the e-mail is read from the agent (read across modules only).</summary>
internal sealed class AgentAccountRepository(DbSession db) : IAgentAccountRepository
{
    public async Task<AccountDto?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        const string sql = """
            select a.agent_id as owner_id, g.email::text as email, a.password_hash, a.failed_attempts, a.locked_until,
                   a.email_confirmed_at, a.last_sign_in_at
              from identity.agent_accounts a
              join organisations.agents g on g.id = a.agent_id
             where g.email = trim(@email)::citext and g.deleted_at is null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AccountDto>(new CommandDefinition(sql, new { email }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task SetPasswordAsync(long agentId, string passwordHash, DateTimeOffset? emailConfirmedAt, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into identity.agent_accounts (agent_id, password_hash, email_confirmed_at)
            values (@agentId, @passwordHash, @emailConfirmedAt)
            on conflict (agent_id) do update
               set password_hash = excluded.password_hash,
                   email_confirmed_at = coalesce(identity.agent_accounts.email_confirmed_at, excluded.email_confirmed_at)
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { agentId, passwordHash, emailConfirmedAt = emailConfirmedAt?.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<int> RecordFailedSignInAsync(long agentId, int maxAttempts, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        const string sql = """
            update identity.agent_accounts
               set failed_attempts = case when locked_until <= @now then 1 else failed_attempts + 1 end,
                   locked_until = case when locked_until <= @now then null
                                       when failed_attempts + 1 >= @maxAttempts then @lockUntil
                                       else locked_until end
             where agent_id = @agentId
            returning failed_attempts
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int>(new CommandDefinition(
            sql, new { agentId, maxAttempts, now = now.ToUniversalTime(), lockUntil = lockUntil.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task RecordSuccessfulSignInAsync(long agentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update identity.agent_accounts set failed_attempts = 0, locked_until = null, last_sign_in_at = @now where agent_id = @agentId",
            new { agentId, now = now.ToUniversalTime() },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<AccountDto?> GetAsync(long agentId, CancellationToken cancellationToken)
    {
        const string sql = """
            select a.agent_id as owner_id, g.email::text as email, a.password_hash, a.failed_attempts, a.locked_until,
                   a.email_confirmed_at, a.last_sign_in_at
              from identity.agent_accounts a
              join organisations.agents g on g.id = a.agent_id
             where a.agent_id = @agentId and g.deleted_at is null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AccountDto>(new CommandDefinition(sql, new { agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    private const string StateSelect = """
        select g.id as agent_id, g.email::text as email, g.first_name, g.last_name,
               a.password_hash is not null as has_password,
               a.invitation_token_hash is not null and a.invitation_accepted_at is null as invitation_pending,
               a.invitation_accepted_at
          from organisations.agents g
          left join identity.agent_accounts a on a.agent_id = g.id
        """;

    public async Task<AgentAccountState?> FindStateByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgentAccountState>(new CommandDefinition(
            $"{StateSelect} where g.email = trim(@email)::citext and g.deleted_at is null", new { email }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<AgentAccountState?> GetStateAsync(long agentId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgentAccountState>(new CommandDefinition(
            $"{StateSelect} where g.id = @agentId and g.deleted_at is null and g.email is not null", new { agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task SetInvitationTokenAsync(long agentId, string tokenHash, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into identity.agent_accounts (agent_id, invitation_token_hash, invitation_sent_at)
            values (@agentId, @tokenHash, @sentAt)
            on conflict (agent_id) do update
               set invitation_token_hash = excluded.invitation_token_hash,
                   invitation_sent_at = excluded.invitation_sent_at
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { agentId, tokenHash, sentAt = sentAt.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<AgentInvitationDto?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken)
    {
        const string sql = """
            select g.id as agent_id, g.email::text as email, g.first_name, g.last_name, a.invitation_sent_at as sent_at
              from identity.agent_accounts a
              join organisations.agents g on g.id = a.agent_id and g.deleted_at is null and g.email is not null
             where a.invitation_token_hash = @tokenHash and a.invitation_accepted_at is null and a.invitation_sent_at is not null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgentInvitationDto>(new CommandDefinition(sql, new { tokenHash }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<long?> AcceptInvitationAsync(string tokenHash, string passwordHash, DateTimeOffset sentAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: two submissions of the same link cannot both succeed.
        const string sql = """
            update identity.agent_accounts
               set password_hash = @passwordHash, invitation_token_hash = null, invitation_accepted_at = @now,
                   email_confirmed_at = coalesce(email_confirmed_at, @now),
                   reset_token_hash = null, reset_token_expires_at = null
             where invitation_token_hash = @tokenHash and invitation_accepted_at is null and invitation_sent_at > @sentAfter
               and exists (select 1 from organisations.agents g where g.id = agent_id and g.deleted_at is null)
            returning agent_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            sql, new { tokenHash, passwordHash, sentAfter = sentAfter.ToUniversalTime(), now = now.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task SetResetTokenAsync(long agentId, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update identity.agent_accounts set reset_token_hash = @tokenHash, reset_token_expires_at = @expiresAt where agent_id = @agentId",
            new { agentId, tokenHash, expiresAt = expiresAt.ToUniversalTime() },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<long?> ResetPasswordAsync(string tokenHash, string newPasswordHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            update identity.agent_accounts
               set password_hash = @newPasswordHash, reset_token_hash = null, reset_token_expires_at = null,
                   email_confirmed_at = coalesce(email_confirmed_at, @now)
             where reset_token_hash = @tokenHash and reset_token_expires_at > @now
            returning agent_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            sql, new { tokenHash, newPasswordHash, now = now.ToUniversalTime() }, db.Transaction, cancellationToken: cancellationToken));
    }
}
