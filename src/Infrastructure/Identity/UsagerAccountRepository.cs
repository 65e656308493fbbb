using Dapper;
using RdvSP.Application.Identity.Abstractions;
using RdvSP.Application.Identity.Common;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Identity;

/// <summary>
/// identity.usager_accounts. The e-mail is read from the usager (one source of truth): a read across
/// modules, never a write.
/// </summary>
internal sealed class UsagerAccountRepository(DbSession db) : IUsagerAccountRepository
{
    private const string Select = """
        select a.user_id as owner_id, u.email::text as email, a.password_hash, a.failed_attempts, a.locked_until,
               a.email_confirmed_at, a.last_sign_in_at
          from identity.usager_accounts a
          join usagers.users u on u.id = a.user_id
        """;

    public Task<AccountDto?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        QuerySingleAsync<AccountDto>($"{Select} where u.email = trim(@email)::citext and u.deleted_at is null", new { email }, cancellationToken);

    public Task<AccountDto?> GetAsync(long userId, CancellationToken cancellationToken) =>
        QuerySingleAsync<AccountDto>($"{Select} where a.user_id = @userId", new { userId }, cancellationToken);

    public Task CreateAsync(long userId, string? passwordHash, DateTimeOffset? emailConfirmedAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            insert into identity.usager_accounts (user_id, password_hash, email_confirmed_at)
            values (@userId, @passwordHash, @emailConfirmedAt)
            on conflict (user_id) do nothing
            """,
            new { userId, passwordHash, emailConfirmedAt = emailConfirmedAt?.ToUniversalTime() },
            cancellationToken);

    public Task SetPasswordAsync(long userId, string passwordHash, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "update identity.usager_accounts set password_hash = @passwordHash where user_id = @userId",
            new { userId, passwordHash },
            cancellationToken);

    public Task RecordSuccessfulSignInAsync(long userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "update identity.usager_accounts set last_sign_in_at = @now where user_id = @userId",
            new { userId, now = now.ToUniversalTime() },
            cancellationToken);

    public Task SetConfirmationTokenAsync(long userId, string tokenHash, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "update identity.usager_accounts set confirmation_token_hash = @tokenHash, confirmation_sent_at = @sentAt where user_id = @userId",
            new { userId, tokenHash, sentAt = sentAt.ToUniversalTime() },
            cancellationToken);

    public Task<long?> ConfirmEmailAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        QuerySingleAsync<long?>(
            """
            update identity.usager_accounts
               set email_confirmed_at = coalesce(email_confirmed_at, @now), confirmation_token_hash = null
             where confirmation_token_hash = @tokenHash and confirmation_sent_at > @sentAfter
            returning user_id
            """,
            new { tokenHash, now = now.ToUniversalTime(), sentAfter = (now - IdentityLimits.ConfirmationTokenLifetime).ToUniversalTime() },
            cancellationToken);

    public Task SetResetTokenAsync(long userId, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "update identity.usager_accounts set reset_token_hash = @tokenHash, reset_token_expires_at = @expiresAt where user_id = @userId",
            new { userId, tokenHash, expiresAt = expiresAt.ToUniversalTime() },
            cancellationToken);

    public Task<long?> ResetPasswordAsync(string tokenHash, string newPasswordHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        QuerySingleAsync<long?>(
            """
            update identity.usager_accounts
               set password_hash = @newPasswordHash, reset_token_hash = null, reset_token_expires_at = null,
                   -- Following an e-mailed link proves the address.
                   email_confirmed_at = coalesce(email_confirmed_at, @now)
             where reset_token_hash = @tokenHash and reset_token_expires_at > @now
            returning user_id
            """,
            new { tokenHash, newPasswordHash, now = now.ToUniversalTime() },
            cancellationToken);

    public Task DeleteAsync(long userId, CancellationToken cancellationToken) =>
        ExecuteAsync("delete from identity.usager_accounts where user_id = @userId", new { userId }, cancellationToken);

    private async Task<T?> QuerySingleAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, db.Transaction, cancellationToken: cancellationToken));
    }
}
