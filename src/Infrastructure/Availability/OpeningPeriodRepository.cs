using Dapper;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

internal sealed class OpeningPeriodRepository(DbSession db) : IOpeningPeriodRepository
{
    internal const string Columns = """
        p.id, p.agent_id, p.organisation_id, p.lieu_id, p.title, p.first_day, p.start_time, p.end_time,
        p.recurrence::text as recurrence, p.recurrence_ends_at, p.expired_cached,
        array(select mp.motif_id from availability.motifs_plage_ouvertures mp
               where mp.plage_ouverture_id = p.id order by mp.motif_id) as motif_ids
        """;

    public async Task<long> AddAsync(NewOpeningPeriod plage, CancellationToken cancellationToken)
    {
        const string sql = """
            with new_plage as (
                insert into availability.plage_ouvertures (agent_id, organisation_id, lieu_id, title, first_day, start_time, end_time, recurrence, recurrence_ends_at, expired_cached)
                values (@AgentId, @OrganisationId, @LieuId, @Title, @FirstDay, @StartTime, @EndTime, @Recurrence::jsonb, @RecurrenceEndsAt::timestamp, @ExpiredCached)
                returning id
            ), motifs as (
                insert into availability.motifs_plage_ouvertures (plage_ouverture_id, motif_id)
                select new_plage.id, motif_id from new_plage, unnest(@MotifIds) as motif_id
            )
            select id from new_plage
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql,
            new
            {
                plage.AgentId,
                plage.OrganisationId,
                plage.LieuId,
                plage.Title,
                plage.FirstDay,
                plage.StartTime,
                plage.EndTime,
                Recurrence = plage.RecurrenceJson,
                RecurrenceEndsAt = AsLocal(plage.RecurrenceEndsAt),
                MotifIds = plage.MotifIds.Distinct().ToArray(),
                plage.ExpiredCached,
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<OpeningPeriodRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OpeningPeriodRow>(new CommandDefinition(
            $"select {Columns} from availability.plage_ouvertures p where p.id = @id",
            new { id },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task UpdateAsync(long id, NewOpeningPeriod plage, CancellationToken cancellationToken)
    {
        // Motifs: only the removed rows are deleted and the new ones inserted, so an unchanged set writes nothing.
        const string sql = """
            update availability.plage_ouvertures
               set lieu_id = @LieuId, title = @Title, first_day = @FirstDay, start_time = @StartTime, end_time = @EndTime,
                   recurrence = @Recurrence::jsonb, recurrence_ends_at = @RecurrenceEndsAt::timestamp, expired_cached = @ExpiredCached
             where id = @Id;
            delete from availability.motifs_plage_ouvertures where plage_ouverture_id = @Id and motif_id <> all(@MotifIds);
            insert into availability.motifs_plage_ouvertures (plage_ouverture_id, motif_id)
            select @Id, motif_id from unnest(@MotifIds) as motif_id
            on conflict do nothing;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                Id = id,
                plage.LieuId,
                plage.Title,
                plage.FirstDay,
                plage.StartTime,
                plage.EndTime,
                Recurrence = plage.RecurrenceJson,
                RecurrenceEndsAt = AsLocal(plage.RecurrenceEndsAt),
                plage.ExpiredCached,
                MotifIds = plage.MotifIds.Distinct().ToArray(),
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from availability.plage_ouvertures where id = @id", new { id }, db.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Wall-clock values go to <c>timestamp</c> columns: strip any kind so Npgsql does not refuse or shift them.</summary>
    internal static DateTime? AsLocal(DateTime? value) =>
        value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null;
}
