using Dapper;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Availability;

internal sealed class AbsenceRepository(DbSession db) : IAbsenceRepository
{
    internal const string Columns = """
        ab.id, ab.agent_id, ab.title, ab.first_day, ab.start_time, ab.end_day, ab.end_time,
        ab.recurrence::text as recurrence, ab.recurrence_ends_at, ab.expired_cached
        """;

    public async Task<long> AddAsync(NewAbsence absence, CancellationToken cancellationToken)
    {
        const string sql = """
            insert into availability.absences (agent_id, title, first_day, start_time, end_day, end_time, recurrence, recurrence_ends_at, expired_cached)
            values (@AgentId, @Title, @FirstDay, @StartTime, @EndDay, @EndTime, @Recurrence::jsonb, @RecurrenceEndsAt::timestamp, @ExpiredCached)
            returning id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql,
            new
            {
                absence.AgentId,
                absence.Title,
                absence.FirstDay,
                absence.StartTime,
                absence.EndDay,
                absence.EndTime,
                Recurrence = absence.RecurrenceJson,
                RecurrenceEndsAt = OpeningPeriodRepository.AsLocal(absence.RecurrenceEndsAt),
                absence.ExpiredCached,
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<AbsenceRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AbsenceRow>(new CommandDefinition(
            $"select {Columns} from availability.absences ab where ab.id = @id",
            new { id },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task UpdateAsync(long id, NewAbsence absence, CancellationToken cancellationToken)
    {
        const string sql = """
            update availability.absences
               set title = @Title, first_day = @FirstDay, start_time = @StartTime, end_day = @EndDay, end_time = @EndTime,
                   recurrence = @Recurrence::jsonb, recurrence_ends_at = @RecurrenceEndsAt::timestamp, expired_cached = @ExpiredCached
             where id = @Id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                Id = id,
                absence.Title,
                absence.FirstDay,
                absence.StartTime,
                absence.EndDay,
                absence.EndTime,
                Recurrence = absence.RecurrenceJson,
                RecurrenceEndsAt = OpeningPeriodRepository.AsLocal(absence.RecurrenceEndsAt),
                absence.ExpiredCached,
            },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from availability.absences where id = @id", new { id }, db.Transaction, cancellationToken: cancellationToken));
    }
}
