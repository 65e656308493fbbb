using Dapper;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RdvSP.Application.Notifications;
using RdvSP.Application.Notifications.Webcal;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// The agent's webcal feed: his RDVs since a month ago in every organisation, CONFIRMED or CANCELLED,
/// the same UID as the e-mails' ICS (the RDV's uuid). No personal data: the summary is the motif (or
/// the collective RDV's name), the location the lieu or the kind of RDV, never a usager's name or address.
/// </summary>
internal sealed class AgentCalendarFeed(DbSession db, AppUrls urls) : IAgentCalendarFeed
{
    public async Task<string?> BuildAsync(string calendarUid, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // One round trip; the RDVs through the (agent_id, starts_at, rdv_id) index.
        const string sql = """
            select r.id, r.uuid, r.organisation_id, r.starts_at, r.ends_at, r.status, r.name, o.time_zone,
                   m.name as motif_name, m.location_type, l.name as lieu_name, l.address as lieu_address
              from organisations.agents a
              join booking.agents_rdvs ar on ar.agent_id = a.id and ar.starts_at >= @since
              join booking.rdvs r on r.id = ar.rdv_id
              join organisations.motifs m on m.id = r.motif_id
              join organisations.organisations o on o.id = r.organisation_id
              left join organisations.lieux l on l.id = r.lieu_id
             where a.calendar_uid = @calendarUid and a.deleted_at is null
             order by r.starts_at, r.id;
            select exists (select 1 from organisations.agents where calendar_uid = @calendarUid and deleted_at is null);
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql,
            new { calendarUid, since = since.UtcDateTime }, db.Transaction, cancellationToken: cancellationToken));
        var rdvs = (await grid.ReadAsync<FeedRdv>()).AsList();
        if (!await grid.ReadSingleAsync<bool>()) return null;

        var calendar = new Calendar();
        calendar.AddProperty("X-WR-CALNAME", "RDV Service Public");
        foreach (var zone in rdvs.Select(r => r.TimeZone).Distinct()) calendar.AddTimeZone(zone);
        foreach (var rdv in rdvs)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = rdv.Uuid.ToString(),
                Summary = rdv.Name is { Length: > 0 } name ? name : rdv.MotifName,
                Location = rdv.LocationType switch
                {
                    "phone" => "RDV téléphonique",
                    "visio" => "RDV par visioconférence",
                    "home" => "RDV à domicile",
                    _ => rdv.LieuName is null ? null : $"{rdv.LieuName}, {rdv.LieuAddress}",
                },
                Description = urls.Build($"/admin/organisations/{rdv.OrganisationId}/rdvs/{rdv.Id}"),
                DtStart = new CalDateTime(RdvTexts.Local(rdv.StartsAt, rdv.TimeZone), rdv.TimeZone),
                DtEnd = new CalDateTime(RdvTexts.Local(rdv.EndsAt, rdv.TimeZone), rdv.TimeZone),
                Status = rdv.Status is "excused" or "revoked" ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    public async Task<string?> CalendarUidAsync(long agentId, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select calendar_uid from organisations.agents where id = @agentId", new { agentId }, db.Transaction, cancellationToken: cancellationToken));
    }

    public async Task SetCalendarUidAsync(long agentId, string calendarUid, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update organisations.agents set calendar_uid = @calendarUid where id = @agentId", new { agentId, calendarUid }, db.Transaction, cancellationToken: cancellationToken));
    }

    private sealed record FeedRdv
    {
        public long Id { get; init; }
        public Guid Uuid { get; init; }
        public long OrganisationId { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string Status { get; init; } = "";
        public string? Name { get; init; }
        public string TimeZone { get; init; } = "Europe/Paris";
        public string MotifName { get; init; } = "";
        public string LocationType { get; init; } = "";
        public string? LieuName { get; init; }
        public string? LieuAddress { get; init; }
    }
}
