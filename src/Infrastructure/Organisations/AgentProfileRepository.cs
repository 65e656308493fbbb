using Dapper;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Organisations;

internal sealed class AgentProfileRepository(DbSession db) : IAgentProfileRepository
{
    public async Task<AgentProfileDto?> GetAsync(long agentId, CancellationToken cancellationToken)
    {
        const string sql = """
            select a.id, a.first_name, a.last_name, a.email::text as email,
                   coalesce((select array_agg(s.name order by s.name)
                               from organisations.agent_services x join organisations.services s on s.id = x.service_id
                              where x.agent_id = a.id), '{}') as service_names,
                   a.rdv_notifications_level, a.plage_ouverture_notification_level, a.absence_notification_level
              from organisations.agents a
             where a.id = @agentId and a.deleted_at is null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgentProfileDto>(new CommandDefinition(sql, new { agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task UpdateNamesAsync(long agentId, string firstName, string lastName, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update organisations.agents set first_name = @firstName, last_name = @lastName where id = @agentId and deleted_at is null",
            new { agentId, firstName, lastName },
            db.Transaction,
            cancellationToken: cancellationToken));
    }

    public async Task UpdateNotificationLevelsAsync(long agentId, AgentNotificationLevels levels, CancellationToken cancellationToken)
    {
        const string sql = """
            update organisations.agents
               set rdv_notifications_level = @Rdv, plage_ouverture_notification_level = @PlageOuverture, absence_notification_level = @Absence
             where id = @agentId and deleted_at is null
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { agentId, levels.Rdv, levels.PlageOuverture, levels.Absence }, db.Transaction, cancellationToken: cancellationToken));
    }
}
