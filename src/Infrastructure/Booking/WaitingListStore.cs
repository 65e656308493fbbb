using Dapper;
using RdvSP.Application.Booking.WaitingList;
using RdvSP.Domain.Booking;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Booking;

internal sealed class WaitingListStore(DbSession db) : IWaitingListStore
{
    public async Task<bool> IsSubscribedAsync(long rdvId, long userId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from booking.file_attentes where rdv_id = @rdvId and user_id = @userId)",
            new { rdvId, userId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task SubscribeAsync(long rdvId, long userId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into booking.file_attentes (rdv_id, user_id) values (@rdvId, @userId) on conflict (rdv_id, user_id) do nothing",
            new { rdvId, userId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task UnsubscribeAsync(long rdvId, long userId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from booking.file_attentes where rdv_id = @rdvId and user_id = @userId",
            new { rdvId, userId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<WaitingListEntry>> CandidatesAsync(DateTimeOffset startsAfter, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WaitingListEntry>(new CommandDefinition(
            """
            select f.id, f.rdv_id, f.user_id, f.notifications_sent, f.last_creneau_sent_at,
                   r.starts_at, r.motif_id, r.lieu_id, m.location_type, o.time_zone
              from booking.file_attentes f
              join booking.rdvs r on r.id = f.rdv_id
              join organisations.motifs m on m.id = r.motif_id
              join organisations.organisations o on o.id = r.organisation_id
             where r.status not in ('excused', 'revoked') and r.starts_at > @startsAfter and f.notifications_sent < @max
             order by f.created_at desc, f.id desc
            """,
            new { startsAfter, max = WaitingListRules.MaxNotifications }, db.Transaction, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<bool> MarkNotifiedAsync(WaitingListEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update booking.file_attentes set notifications_sent = notifications_sent + 1, last_creneau_sent_at = @now
             where id = @Id and notifications_sent = @NotificationsSent
            """,
            new { entry.Id, entry.NotificationsSent, now }, db.Transaction, cancellationToken: cancellationToken)) == 1;
    }
}
