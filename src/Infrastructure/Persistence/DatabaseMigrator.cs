using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace RdvSP.Infrastructure.Persistence;

/// <summary>
/// Applies the SQL scripts of <c>migrations/</c> (embedded in this assembly) in name order, each in its
/// own transaction, journaled in <c>public.schema_versions</c>. Variable substitution is off so that
/// PostgreSQL's <c>$$</c> quoting and password hashes pass untouched. Throws on the first failure.
/// </summary>
public static class DatabaseMigrator
{
    private const string ResourcePrefix = "RdvSP.Migrations.";

    public static IReadOnlyList<string> Migrate(string connectionString, ILogger logger, bool createDatabase = false)
    {
        if (createDatabase)
            EnsureDatabase.For.PostgresqlDatabase(connectionString, new UpgradeLogAdapter(logger));

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", "schema_versions")
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new UpgradeLogAdapter(logger))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration failed on script {result.ErrorScript?.Name}", result.Error);
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private sealed class UpgradeLogAdapter(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
