using Dapper;
using RdvSP.Application.Webhooks;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Webhooks;

/// <summary>
/// Talks to the capture triggers through transaction-local settings (they end with the transaction), and
/// queues replays as captures aimed at one endpoint, so replays go through the same builder as changes.
/// </summary>
internal sealed class WebhookCapture(DbSession db) : IWebhookCapture
{
    public Task MarkRgpdAsync(CancellationToken cancellationToken) => SetLocalAsync("webhooks.reason", "rgpd", cancellationToken);

    public Task SkipWebhooksAsync(CancellationToken cancellationToken) => SetLocalAsync("webhooks.skip", "on", cancellationToken);

    public async Task<int> ReplayAsync(long endpointId, CancellationToken cancellationToken)
    {
        // REFERENCE-API §4.5: every record of the organisation, per subscription, in id order; absences are
        // those of the organisation's agents (the reference crashes there); soft-deleted users are left out.
        const string sql = """
            with e as (select id, organisation_id as org, subscriptions as s from webhooks.endpoints where id = @endpointId),
            records (rank, model, record_id, second_id) as (
                select 0, 'organisation', e.org, null::bigint from e where 'organisation' = any(e.s)
                union all
                select 1, 'rdv', r.id, null from e join booking.rdvs r on r.organisation_id = e.org where 'rdv' = any(e.s)
                union all
                select 2, 'plage_ouverture', p.id, null from e join availability.plage_ouvertures p on p.organisation_id = e.org where 'plage_ouverture' = any(e.s)
                union all
                select 3, 'absence', a.id, null from e join availability.absences a
                    on a.agent_id in (select agent_id from organisations.agent_roles where organisation_id = e.org) where 'absence' = any(e.s)
                union all
                select 4, 'user', u.id, null from e join usagers.users u
                    on u.id in (select user_id from usagers.user_profiles where organisation_id = e.org)
                 where 'user' = any(e.s) and u.deleted_at is null
                union all
                select 5, 'agent', g.id, null from e join organisations.agents g
                    on g.id in (select agent_id from organisations.agent_roles where organisation_id = e.org) where 'agent' = any(e.s)
                union all
                select 6, 'agent_role', ar.id, null from e join organisations.agent_roles ar on ar.organisation_id = e.org where 'agent_role' = any(e.s)
                union all
                select 7, 'user_profile', up.user_id, up.organisation_id from e join usagers.user_profiles up on up.organisation_id = e.org where 'user_profile' = any(e.s)
                union all
                select 8, 'referent_assignation', ra.user_id, ra.agent_id from e join usagers.referent_assignations ra
                    on ra.user_id in (select user_id from usagers.user_profiles where organisation_id = e.org) where 'referent_assignation' = any(e.s)
                union all
                select 9, 'motif', m.id, null from e join organisations.motifs m on m.organisation_id = e.org where 'motif' = any(e.s)
                union all
                select 10, 'lieu', l.id, null from e join organisations.lieux l on l.organisation_id = e.org where 'lieu' = any(e.s))
            insert into webhooks.captures (model, record_id, second_id, event, endpoint_id)
            select model, record_id, second_id, 'created', @endpointId from records order by rank, record_id, second_id
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { endpointId }, db.Transaction, cancellationToken: cancellationToken));
    }

    private async Task SetLocalAsync(string setting, string value, CancellationToken cancellationToken)
    {
        if (db.Transaction is null) throw new InvalidOperationException("Webhook capture settings apply to a transaction: run this inside a command.");
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("select set_config(@setting, @value, true)", new { setting, value }, db.Transaction, cancellationToken: cancellationToken));
    }
}
