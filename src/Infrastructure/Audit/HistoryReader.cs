using Dapper;
using RdvSP.Application.Audit;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Audit;

/// <summary>audit.versions (migration 0021) through its (item_type, item_id, transaction_id) index, and the names it refers to.</summary>
internal sealed class HistoryReader(DbSession db) : IHistoryReader
{
    /// <summary>The page shows the latest entries; older ones stay in the table until the purge.</summary>
    private const int Limit = 200;

    public async Task<HistoryOwner?> OwnerAsync(HistoryItem item, long itemId, long organisationId, CancellationToken cancellationToken)
    {
        var sql = item switch
        {
            HistoryItem.PlageOuverture => "select agent_id from availability.plage_ouvertures where id = @itemId and organisation_id = @organisationId",
            // Absences and agents span organisations: theirs when the agent has a role here.
            HistoryItem.Absence => """
                select a.agent_id from availability.absences a
                 where a.id = @itemId and exists (select 1 from organisations.agent_roles r where r.agent_id = a.agent_id and r.organisation_id = @organisationId)
                """,
            HistoryItem.Agent => "select agent_id from organisations.agent_roles where agent_id = @itemId and organisation_id = @organisationId",
            HistoryItem.Motif => "select null::bigint from organisations.motifs where id = @itemId and organisation_id = @organisationId",
            HistoryItem.Lieu => "select null::bigint from organisations.lieux where id = @itemId and organisation_id = @organisationId",
            _ => throw new ArgumentOutOfRangeException(nameof(item), item, "RDVs and usagers are checked by their own policies."),
        };
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<long?>(new CommandDefinition(sql, new { itemId, organisationId }, db.Transaction, cancellationToken: cancellationToken))).AsList();
        return rows.Count == 0 ? null : new HistoryOwner(rows[0]);
    }

    public async Task<IReadOnlyList<HistoryVersion>> ListAsync(HistoryItem item, long itemId, long organisationId, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, event, author_kind, author_id, author_label, on_behalf_of, changes::text as changes, created_at
              from audit.versions
             where item_type = @itemType and item_id = @itemId
               and (organisation_id is null or organisation_id = @organisationId)
             order by id desc
             limit @Limit
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            sql, new { itemType = HistoryItems.TypeName(item), itemId, organisationId, Limit }, db.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new HistoryVersion(r.Id, r.Event, r.AuthorKind, r.AuthorId, r.AuthorLabel, r.OnBehalfOf, r.Changes, r.CreatedAt)).ToList();
    }

    public async Task<HistoryNames> NamesAsync(HistoryReferences references, CancellationToken cancellationToken)
    {
        const string sql = """
            select id, name from organisations.motifs where id = any(@MotifIds);
            select id, name from organisations.lieux where id = any(@LieuIds);
            select id, concat_ws(' ', first_name, last_name) from organisations.agents where id = any(@AgentIds);
            select id, case when deleted_at is null then concat_ws(' ', first_name, last_name) else 'Usager supprimé' end from usagers.users where id = any(@UserIds);
            select id, name::text from organisations.services where id = any(@ServiceIds);
            select id, name from organisations.motif_categories where id = any(@CategoryIds);
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            MotifIds = references.MotifIds.ToArray(),
            LieuIds = references.LieuIds.ToArray(),
            AgentIds = references.AgentIds.ToArray(),
            UserIds = references.UserIds.ToArray(),
            ServiceIds = references.ServiceIds.ToArray(),
            CategoryIds = references.CategoryIds.ToArray(),
        }, db.Transaction, cancellationToken: cancellationToken));
        return new HistoryNames(await ReadAsync(grid), await ReadAsync(grid), await ReadAsync(grid), await ReadAsync(grid), await ReadAsync(grid), await ReadAsync(grid));
    }

    private static async Task<IReadOnlyDictionary<long, string>> ReadAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<(long Id, string Name)>()).ToDictionary(r => r.Id, r => r.Name);

    private sealed record Row
    {
        public long Id { get; init; }
        public string Event { get; init; } = "";
        public string AuthorKind { get; init; } = "";
        public long? AuthorId { get; init; }
        public string? AuthorLabel { get; init; }
        public string? OnBehalfOf { get; init; }
        public string Changes { get; init; } = "{}";
        public DateTimeOffset CreatedAt { get; init; }
    }
}
