using System.Data;
using Npgsql;
using RdvSP.Application.Common.Abstractions;
using RdvSP.Application.Common.Outages;
using RdvSP.Infrastructure.Health;

namespace RdvSP.Infrastructure.Persistence;

/// <summary>
/// The request's database connection, opened on first use, and its transaction if a command runs.
/// Scoped: every repository of a request shares it, so a command's writes commit or roll back together.
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource, DependencyMonitor? monitor = null) : IUnitOfWork, IAsyncDisposable
{
    private NpgsqlConnection? connection;

    public NpgsqlTransaction? Transaction { get; private set; }

    public bool HasActiveTransaction => Transaction is not null;

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
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
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
