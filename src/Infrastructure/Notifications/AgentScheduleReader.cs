using Dapper;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>A plage or absence and its owner, on the use case's connection and transaction (sees its uncommitted change).</summary>
internal sealed class AgentScheduleReader(DbSession db) : IAgentScheduleReader
{
    private const string Owner = """
        a.id as agent_id, a.email, concat_ws(' ', a.first_name, a.last_name) as agent_name,
        a.plage_ouverture_notification_level = 'all' as notify_plage_ouvertures,
        a.absence_notification_level = 'all' as notify_absences,
        o.id as organisation_id, o.name as organisation_name, o.time_zone
        """;

    public async Task<AgentScheduleSource?> LoadAsync(AgentScheduleItem item, long id, long organisationId, CancellationToken cancellationToken)
    {
        var sql = item == AgentScheduleItem.PlageOuverture
            ? $"""
               select {Owner}, p.id, p.title, p.first_day, p.start_time, p.first_day as end_day, p.end_time, p.recurrence::text as recurrence,
                      l.name as lieu_name, l.address as lieu_address,
                      array(select m.name from availability.motifs_plage_ouvertures mp join organisations.motifs m on m.id = mp.motif_id
                             where mp.plage_ouverture_id = p.id order by m.name) as motif_names
                 from availability.plage_ouvertures p
                 join organisations.agents a on a.id = p.agent_id
                 join organisations.organisations o on o.id = p.organisation_id
                 left join organisations.lieux l on l.id = p.lieu_id
                where p.id = @id
               """
            // An absence has no organisation: the screen's one names it in the e-mail.
            : $"""
               select {Owner}, b.id, b.title, b.first_day, b.start_time, b.end_day, b.end_time, b.recurrence::text as recurrence,
                      null as lieu_name, null as lieu_address, array[]::text[] as motif_names
                 from availability.absences b
                 join organisations.agents a on a.id = b.agent_id
                 join organisations.organisations o on o.id = @organisationId
                where b.id = @id
               """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { id, organisationId }, db.Transaction, cancellationToken: cancellationToken));
        if (row is null) return null;
        return new AgentScheduleSource(
            new AgentScheduleOwner(row.AgentId, row.Email, row.NotifyPlageOuvertures, row.NotifyAbsences),
            new AgentScheduleDetails
            {
                Item = item,
                Id = row.Id,
                Title = row.Title,
                AgentId = row.AgentId,
                AgentName = row.AgentName,
                OrganisationId = row.OrganisationId,
                OrganisationName = row.OrganisationName,
                TimeZone = row.TimeZone,
                FirstDay = row.FirstDay,
                StartTime = row.StartTime,
                EndDay = row.EndDay,
                EndTime = row.EndTime,
                Recurrence = row.Recurrence,
                LieuName = row.LieuName,
                LieuAddress = row.LieuAddress,
                MotifNames = row.MotifNames,
            });
    }

    private sealed record Row
    {
        public long AgentId { get; init; }
        public string? Email { get; init; }
        public string AgentName { get; init; } = "";
        public bool NotifyPlageOuvertures { get; init; }
        public bool NotifyAbsences { get; init; }
        public long OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
        public string TimeZone { get; init; } = "Europe/Paris";
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public DateOnly FirstDay { get; init; }
        public TimeOnly StartTime { get; init; }
        public DateOnly EndDay { get; init; }
        public TimeOnly EndTime { get; init; }
        public string? Recurrence { get; init; }
        public string? LieuName { get; init; }
        public string? LieuAddress { get; init; }
        public string[] MotifNames { get; init; } = [];
    }
}
