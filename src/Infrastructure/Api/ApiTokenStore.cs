using System.Security.Cryptography;
using System.Text;
using Dapper;
using RdvSP.Application.Api.Authentication;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Api;

internal sealed class ApiTokenStore(DbSession db) : IApiTokenStore
{
    private const string AgentColumns = "g.id, g.email::text as email, g.first_name, g.last_name";

    public async Task<ApiAgent> IssueAsync(long agentId, string client, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        const string sql = $"""
            insert into api.agent_tokens (agent_id, client, token_hash, expires_at) values (@agentId, @client, @tokenHash, @expiresAt)
            on conflict (agent_id) do update set client = excluded.client, token_hash = excluded.token_hash,
                expires_at = excluded.expires_at, created_at = now();
            select {AgentColumns} from organisations.agents g where g.id = @agentId;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<ApiAgent>(new CommandDefinition(sql, new { agentId, client, tokenHash, expiresAt }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<ApiAgent?> FindAsync(string uid, string client, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {AgentColumns}, t.token_hash, t.expires_at
              from api.agent_tokens t join organisations.agents g on g.id = t.agent_id
             where g.email = trim(@uid)::citext and g.deleted_at is null and t.client = @client and t.expires_at > @now
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(sql, new { uid, client, now }, db.Transaction, cancellationToken: cancellationToken));
        return row is not null && SameHash(row.TokenHash, tokenHash)
            ? new ApiAgent { Id = row.Id, Email = row.Email, FirstName = row.FirstName, LastName = row.LastName, TokenExpiresAt = row.ExpiresAt }
            : null;
    }

    public async Task<bool> RevokeAsync(string uid, string client, string tokenHash, CancellationToken cancellationToken)
    {
        const string sql = """
            delete from api.agent_tokens t using organisations.agents g
             where g.id = t.agent_id and g.email = trim(@uid)::citext and t.client = @client and t.token_hash = @tokenHash
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { uid, client, tokenHash }, db.Transaction, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<ApiAgent?> FindAgentAsync(string email, CancellationToken cancellationToken)
    {
        const string sql = $"select {AgentColumns} from organisations.agents g where g.email = trim(@email)::citext and g.deleted_at is null";
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiAgent>(new CommandDefinition(sql, new { email }, db.Transaction, cancellationToken: cancellationToken));
    }

    private static bool SameHash(string stored, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(given));

    private sealed record TokenRow
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        public string TokenHash { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
    }
}
