using Dapper;
using PhoneNumbers;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Booking;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>Reads an RDV, its participants (with the usager notified for each) and its agents, in the request's transaction.</summary>
internal sealed class RdvNotificationReader(DbSession db) : IRdvNotificationReader
{
    public async Task<RdvNotificationSource?> LoadAsync(long rdvId, IReadOnlyCollection<long> formerAgentIds, CancellationToken cancellationToken)
    {
        const string sql = """
            select r.id, r.uuid, r.starts_at, r.ends_at, r.status, r.name, r.organisation_id,
                   o.name as organisation_name, o.phone_number as organisation_phone, o.time_zone, o.reminder_lead_hours,
                   t.sms_provider, m.name as motif_name, m.location_type, m.collectif, m.follow_up, m.bookable_by,
                   m.visibility_type, m.rdvs_editable_by_user, m.rdvs_cancellable_by_user, m.instruction_for_rdv,
                   s.name as service_name, s.short_name as service_short_name,
                   l.name as lieu_name, l.address as lieu_address, l.phone_number as lieu_phone,
                   least(floor(extract(epoch from r.updated_at - r.created_at)), 2147483647)::int as sequence
              from booking.rdvs r
              join organisations.organisations o on o.id = r.organisation_id
              join organisations.territories t on t.id = o.territory_id
              join organisations.motifs m on m.id = r.motif_id
              join organisations.services s on s.id = m.service_id
              left join organisations.lieux l on l.id = r.lieu_id
             where r.id = @rdvId;

            select p.id as participation_id, p.user_id, p.status, p.send_lifecycle_notifications, p.send_reminder_notification, p.token,
                   u.first_name, u.last_name, coalesce(u.address, n.address) as address,
                   n.id as notified_id, n.email as notified_email, n.notify_by_email, n.phone_number_formatted as notified_phone, n.notify_by_sms
              from booking.participations p
              join usagers.users u on u.id = p.user_id
              join usagers.users n on n.id = coalesce(u.responsible_id, u.id)
             where p.rdv_id = @rdvId
             order by p.id;

            select a.id, a.first_name, a.last_name, case when a.deleted_at is null then a.email::text end as email,
                   a.rdv_notifications_level, ar.rdv_id is not null as on_rdv
              from organisations.agents a
              left join booking.agents_rdvs ar on ar.agent_id = a.id and ar.rdv_id = @rdvId
             where ar.rdv_id is not null or a.id = any(@former)
             order by a.id;
            """;
        var connection = await db.ConnectionAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { rdvId, former = formerAgentIds.ToArray() }, db.Transaction, cancellationToken: cancellationToken));
        var rdv = await grid.ReadSingleOrDefaultAsync<RdvRow>();
        if (rdv is null) return null;
        var participants = (await grid.ReadAsync<ParticipantRow>()).ToList();
        var agents = (await grid.ReadAsync<AgentRow>()).ToList();

        var details = new RdvDetails
        {
            Id = rdv.Id,
            Uuid = rdv.Uuid,
            StartsAt = rdv.StartsAt,
            EndsAt = rdv.EndsAt,
            TimeZone = rdv.TimeZone,
            Status = rdv.Status,
            OrganisationId = rdv.OrganisationId,
            OrganisationName = rdv.OrganisationName,
            OrganisationPhone = rdv.OrganisationPhone,
            SmsProvider = rdv.SmsProvider,
            MotifName = rdv.MotifName,
            ServiceName = rdv.ServiceName,
            ServiceShortName = rdv.ServiceShortName,
            LocationType = rdv.LocationType,
            Collective = rdv.Collectif,
            Name = rdv.Name,
            FollowUp = rdv.FollowUp,
            BookableByEveryone = rdv.BookableBy == "everyone",
            CancellableByUser = rdv.RdvsCancellableByUser,
            EditableByUser = rdv.RdvsEditableByUser,
            InstructionForRdv = rdv.InstructionForRdv,
            LieuName = rdv.LieuName,
            LieuAddress = rdv.LieuAddress,
            LieuPhone = rdv.LieuPhone,
            HomeAddress = participants.Select(p => p.Address).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a)),
            Sequence = rdv.Sequence,
            Participants = participants.Select(p => new ParticipantDetails(p.ParticipationId, p.UserId, p.FirstName, p.LastName, p.Token)).ToList(),
            Agents = agents.Where(a => a.OnRdv).Select(a => new AgentDetails(a.Id, a.FirstName, a.LastName, a.Email)).ToList(),
        };
        var snapshot = new RdvSnapshot(
            rdv.StartsAt,
            Status(rdv.Status),
            rdv.Collectif,
            rdv.VisibilityType switch
            {
                "visible_and_notified" => MotifVisibility.VisibleAndNotified,
                "visible_and_not_notified" => MotifVisibility.VisibleAndNotNotified,
                _ => MotifVisibility.Invisible,
            },
            TimeZoneInfo.FindSystemTimeZoneById(rdv.TimeZone),
            participants.Select(p => new ParticipationSnapshot(
                p.ParticipationId,
                p.UserId,
                Status(p.Status),
                p.SendLifecycleNotifications,
                p.SendReminderNotification,
                new NotifiedUser(p.NotifiedId, p.NotifiedEmail, p.NotifyByEmail, FrenchMobiles.MobileOrNull(p.NotifiedPhone), p.NotifyBySms))).ToList(),
            agents.Where(a => a.OnRdv).Select(Agent).ToList(),
            agents.Where(a => !a.OnRdv).Select(Agent).ToList());
        return new RdvNotificationSource(snapshot, details, TimeSpan.FromHours(rdv.ReminderLeadHours));
    }

    private static AgentSnapshot Agent(AgentRow a) => new(a.Id, a.Email, a.RdvNotificationsLevel switch
    {
        "all" => AgentNotificationLevel.All,
        "soon" => AgentNotificationLevel.Soon,
        "none" => AgentNotificationLevel.None,
        _ => AgentNotificationLevel.Others,
    });

    private static RdvStatus Status(string value) =>
        RdvStatusExtensions.TryParseRdvStatus(value, out var status) ? status : throw new InvalidOperationException($"Unknown rdv status {value}");

    private sealed record RdvRow
    {
        public long Id { get; init; }
        public Guid Uuid { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string Status { get; init; } = "";
        public string? Name { get; init; }
        public long OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
        public string? OrganisationPhone { get; init; }
        public string TimeZone { get; init; } = "";
        public int ReminderLeadHours { get; init; }
        public string? SmsProvider { get; init; }
        public string MotifName { get; init; } = "";
        public string LocationType { get; init; } = "";
        public bool Collectif { get; init; }
        public bool FollowUp { get; init; }
        public string BookableBy { get; init; } = "";
        public string VisibilityType { get; init; } = "";
        public bool RdvsEditableByUser { get; init; }
        public bool RdvsCancellableByUser { get; init; }
        public string? InstructionForRdv { get; init; }
        public string ServiceName { get; init; } = "";
        public string ServiceShortName { get; init; } = "";
        public string? LieuName { get; init; }
        public string? LieuAddress { get; init; }
        public string? LieuPhone { get; init; }
        public int Sequence { get; init; }
    }

    private sealed record ParticipantRow
    {
        public long ParticipationId { get; init; }
        public long UserId { get; init; }
        public string Status { get; init; } = "";
        public bool SendLifecycleNotifications { get; init; }
        public bool SendReminderNotification { get; init; }
        public string Token { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Address { get; init; }
        public long NotifiedId { get; init; }
        public string? NotifiedEmail { get; init; }
        public bool NotifyByEmail { get; init; }
        public string? NotifiedPhone { get; init; }
        public bool NotifyBySms { get; init; }
    }

    private sealed record AgentRow
    {
        public long Id { get; init; }
        public string? FirstName { get; init; }
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
        public string RdvNotificationsLevel { get; init; } = "";
        public bool OnRdv { get; init; }
    }
}

/// <summary>French mobile numbers (metropolitan and overseas: GP, GF, MQ, RE, YT), the only ones SMS go to (REFERENCE-DOMAIN §2.11).</summary>
public static class FrenchMobiles
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly HashSet<string> Regions = ["FR", "GP", "GF", "MQ", "RE", "YT"];

    /// <summary>The E.164 form of <paramref name="phone"/> when it is a French mobile number, else null.</summary>
    public static string? MobileOrNull(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        try
        {
            var number = Util.Parse(phone, "FR");
            var region = Util.GetRegionCodeForNumber(number);
            if (region is null || !Regions.Contains(region)) return null;
            return Util.GetNumberType(number) == PhoneNumberType.MOBILE ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
