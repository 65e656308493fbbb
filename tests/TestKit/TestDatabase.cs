using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.TestKit;

/// <summary>
/// The real PostgreSQL started by scripts/services.sh. Each test project gets its own database
/// (RDVSP_TEST_DATABASE, set by scripts/test.sh), migrated once per process.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Migrated = new(() =>
    {
        DatabaseMigrator.Migrate(ConnectionString, NullLogger.Instance, createDatabase: true);
        return ConnectionString;
    });

    public static string Name => Environment.GetEnvironmentVariable("RDVSP_TEST_DATABASE") is { Length: > 0 } name ? name : "rdvsp_test";

    public static string Host => Environment.GetEnvironmentVariable("RDVSP_PG_HOST") ?? "127.0.0.1";

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("RDVSP_PG_PORT"), out var p) ? p : 5433;

    public static string ConnectionString => ConnectionStringFor(Host, Port);

    public static string ConnectionStringFor(string host, int port) =>
        $"Host={host};Port={port};Username=rdvsp;Password=rdvsp;Database={Name};Maximum Pool Size=40";

    /// <summary>Migrates on first use and returns the connection string.</summary>
    public static string EnsureMigrated() => Migrated.Value;

    /// <summary>Empties every table of the module schemas (keeps the migration journal).</summary>
    public static async Task ResetAsync()
    {
        EnsureMigrated();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand(
            """
            select string_agg(format('%I.%I', schemaname, tablename), ', ')
            from pg_tables
            where schemaname in ('organisations', 'usagers', 'availability', 'booking', 'identity', 'notifications', 'calendar_sync', 'audit', 'api', 'webhooks')
            """, connection);
        if (await list.ExecuteScalarAsync() is string tables && tables.Length > 0)
        {
            await using var truncate = new NpgsqlCommand($"truncate {tables} restart identity cascade", connection);
            await truncate.ExecuteNonQueryAsync();
        }
    }
}
