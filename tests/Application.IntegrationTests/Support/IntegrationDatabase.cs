using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RdvSP.Infrastructure.Caching;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.Support;

/// <summary>
/// The real PostgreSQL of scripts/services.sh, database RDVSP_TEST_DATABASE (default rdvsp_it).
/// Migrated once per run from a clean slate: the module schemas are dropped first, so a changed
/// migration is always re-applied here.
/// </summary>
public static class IntegrationDatabase
{
    public static readonly string[] ModuleSchemas = ["organisations", "usagers", "availability", "booking", "identity", "notifications", "audit", "api", "webhooks"];

    private static NpgsqlDataSource? dataSource;

    /// <summary>The real Redis of scripts/services.sh (RDVSP_REDIS_PORT, default 6380).</summary>
    public static readonly RedisConnection Redis = new(
        $"{Environment.GetEnvironmentVariable("RDVSP_REDIS_HOST") ?? "127.0.0.1"}:{Environment.GetEnvironmentVariable("RDVSP_REDIS_PORT") ?? "6380"}");

    public static string Name => Environment.GetEnvironmentVariable("RDVSP_TEST_DATABASE") is { Length: > 0 } name ? name : "rdvsp_it";

    public static string ConnectionStringFor(string database) =>
        $"Host={Environment.GetEnvironmentVariable("RDVSP_PG_HOST") ?? "127.0.0.1"};Port={Environment.GetEnvironmentVariable("RDVSP_PG_PORT") ?? "5433"};" +
        $"Username=rdvsp;Password=rdvsp;Database={database};Maximum Pool Size=100;Timeout=10";

    public static string ConnectionString => ConnectionStringFor(Name);

    public static NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("The set-up fixture has not run.");

    public static async Task MigrateAsync()
    {
        DapperSetup.Configure();
        DbUp.EnsureDatabase.For.PostgresqlDatabase(ConnectionString);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            var drop = string.Join(";", ModuleSchemas.Select(s => $"drop schema if exists {s} cascade")) + ";drop table if exists public.schema_versions";
            await using var command = new NpgsqlCommand(drop, connection);
            await command.ExecuteNonQueryAsync();
        }
        DatabaseMigrator.Migrate(ConnectionString, NullLogger.Instance);
        dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public static async Task DisposeAsync()
    {
        if (dataSource is not null) await dataSource.DisposeAsync();
    }

    /// <summary>Empties every table of the module schemas and restarts identities (keeps the migration journal).</summary>
    public static async Task TruncateAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var list = new NpgsqlCommand(
            "select string_agg(format('%I.%I', schemaname, tablename), ', ') from pg_tables where schemaname = any(@schemas)",
            connection);
        list.Parameters.AddWithValue("schemas", ModuleSchemas);
        if (await list.ExecuteScalarAsync() is string tables && tables.Length > 0)
        {
            await using var truncate = new NpgsqlCommand($"truncate {tables} restart identity cascade", connection);
            await truncate.ExecuteNonQueryAsync();
        }
    }

    public static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
