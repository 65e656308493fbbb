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
}
