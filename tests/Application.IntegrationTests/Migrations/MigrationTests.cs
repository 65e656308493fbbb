using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.Migrations;

public sealed class MigrationTests
{
    [Test]
    public async Task Migrations_apply_on_an_empty_database_and_a_second_run_applies_nothing()
    {
        var database = IntegrationDatabase.Name + "_migrations";
        var connectionString = IntegrationDatabase.ConnectionStringFor(database);
        await DropDatabaseAsync(database);
        try
        {
            var first = DatabaseMigrator.Migrate(connectionString, NullLogger.Instance, createDatabase: true);
            var second = DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);

            first.Should().NotBeEmpty().And.BeInAscendingOrder(StringComparer.Ordinal);
            first.Should().OnlyContain(name => name.StartsWith("RdvSP.Migrations.", StringComparison.Ordinal));
            second.Should().BeEmpty();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_tables where schemaname in ('organisations', 'usagers', 'availability', 'booking', 'identity')", connection);
            ((long)(await command.ExecuteScalarAsync())!).Should().BeGreaterThan(25);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync(database);
        }
    }

    [Test]
    public async Task Every_module_has_its_schema()
    {
        var schemas = await IntegrationDatabase.ScalarAsync<string[]>(
            "select array_agg(nspname::text order by nspname) from pg_namespace where nspname in ('organisations', 'usagers', 'availability', 'booking', 'identity')");

        schemas.Should().Equal("availability", "booking", "identity", "organisations", "usagers");
    }

    private static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(IntegrationDatabase.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
