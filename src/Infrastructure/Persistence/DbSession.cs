using System.Data;
using Npgsql;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Common.Authorization;
using RdvSP.Application.Common.Outages;
using RdvSP.Infrastructure.Health;

namespace RdvSP.Infrastructure.Persistence;

/// <summary>
/// The request's database connection, opened on first use, and its transaction if a command runs.
/// Scoped: every repository of a request shares it, so a command's writes commit or roll back together.
/// Each transaction it begins carries the request's actor for the audit trail's triggers (ADR 0011):
/// the transaction-local setting <c>rdvsp.actor</c> ('agent:12', 'usager:34'); none = system.
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource, DependencyMonitor? monitor = null, ICurrentActor? actor = null) : IUnitOfWork, IAsyncDisposable
{
    private const string ActorSetting = "select set_config('rdvsp.actor', $1, true)";

    private NpgsqlConnection? connection;

    public NpgsqlTransaction? Transaction { get; private set; }

    public bool HasActiveTransaction => Transaction is not null;

    /// <summary>Transactions committed by this session: what was read before a commit may be out of date after it.</summary>
    public int Commits { get; private set; }

    /// <summary>Whether this request already holds a connection (then it should not wait for a second one).</summary>
    public bool HasOpenConnection => connection?.State == ConnectionState.Open;

    public async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (connection is null)
        {
            connection = dataSource.CreateConnection();
        }
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
            monitor?.ReportUp(Dependencies.PostgreSql);
        }
        return connection;
    }

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        var conn = await ConnectionAsync(cancellationToken);
        Transaction = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        if (AuditActor() is { } author)
        {
            // Npgsql sends BEGIN with the next command: BEGIN + this setting cost one round trip.
            await using var command = new NpgsqlCommand(ActorSetting, conn, Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = author });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The audit trail's author of this scope's writes, or null for the system (jobs, seed, tests).</summary>
    private string? AuditActor() =>
        actor?.AgentId is { } agentId ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"agent:{agentId}")
        : actor?.UsagerId is { } usagerId ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"usager:{usagerId}")
        : null;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
        Commits++;
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await Transaction.DisposeAsync();
        if (connection is not null) await connection.DisposeAsync();
    }
}
