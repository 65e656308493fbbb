using Dapper;
using RdvSP.Application.Booking.AgentRdvs;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>notifications.receipts of one RDV, through receipts_rdv_idx (rdv_id, created_at).</summary>
internal sealed class RdvReceiptsReader(DbSession db) : IRdvReceiptsReader
{
    public async Task<IReadOnlyList<RdvReceipt>> ForRdvAsync(long rdvId, CancellationToken cancellationToken)
    {
        const string sql = """
            select created_at, event, channel, result, email_address, sms_phone_number, sms_provider, sms_count, error_message
              from notifications.receipts
             where rdv_id = @rdvId
             order by created_at desc, id desc
             limit 200
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { rdvId }, db.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new RdvReceipt(r.CreatedAt, r.Event, r.Channel, r.Result, r.EmailAddress, r.SmsPhoneNumber, r.SmsProvider, r.SmsCount, r.ErrorMessage)).ToList();
    }

    private sealed record Row
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string Event { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Result { get; init; } = "";
        public string? EmailAddress { get; init; }
        public string? SmsPhoneNumber { get; init; }
        public string? SmsProvider { get; init; }
        public int? SmsCount { get; init; }
        public string? ErrorMessage { get; init; }
    }
}
