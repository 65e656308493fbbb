using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RdvSP.Domain.Availability;

namespace RdvSP.Infrastructure.Api;

/// <summary>
/// One writer per object shape of REFERENCE-API §3: <c>id</c> first, then the other fields and the
/// associations alphabetically, <c>null</c> never omitted, datetimes <c>"YYYY-MM-DD HH:MM:SS +HHMM"</c>
/// in Europe/Paris, dates <c>YYYY-MM-DD</c>, times <c>HH:MM:SS</c>, non-ASCII written raw. The same
/// writers serve the API responses and the webhook payloads.
/// </summary>
public static class ApiJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly string[] CaisseAffiliations = ["aucune", "caf", "msa"];
    private static readonly string[] FamilySituations = ["single", "in_a_relationship", "divorced"];
    private static readonly string[] Logements = ["sdf", "heberge", "en_accession_propriete", "proprietaire", "autre", "locataire"];

    /// <summary>The reference's Ruby <c>Time#to_s</c> in Europe/Paris: "2022-01-01 08:00:00 +0100".</summary>
    public static string DateTime(DateTimeOffset value)
    {
        var local = TimeZoneInfo.ConvertTime(value, Paris);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return local.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly value) => value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Organisation(Utf8JsonWriter w, OrganisationRow o)
    {
        w.WriteStartObject();
        w.WriteNumber("id", o.Id);
        String(w, "email", o.Email);
        w.WriteString("name", o.Name);
        String(w, "phone_number", o.PhoneNumber);
        w.WriteString("verticale", o.Verticale);
        w.WriteEndObject();
    }

    public static void Agent(Utf8JsonWriter w, AgentRow a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        String(w, "email", a.Email);
        String(w, "first_name", a.FirstName);
        w.WriteNull("inclusion_connect_open_id_sub");
        String(w, "last_name", a.LastName);
        w.WriteEndObject();
    }

    public static void Lieu(Utf8JsonWriter w, LieuRow l)
    {
        w.WriteStartObject();
        w.WriteNumber("id", l.Id);
        w.WriteString("address", l.Address);
        w.WriteString("name", l.Name);
        w.WriteNumber("organisation_id", l.OrganisationId);
        String(w, "phone_number", l.PhoneNumber);
        w.WriteBoolean("single_use", l.Availability == "single_use");
        w.WriteEndObject();
    }

    public static void Motif(Utf8JsonWriter w, MotifRow m)
    {
        w.WriteStartObject();
        w.WriteNumber("id", m.Id);
        w.WriteString("bookable_by", m.BookableBy);
        w.WriteBoolean("bookable_publicly", m.BookableBy is "everyone" or "agents_and_prescripteurs_and_invited_users");
        w.WriteBoolean("collectif", m.Collectif);
        DateTime(w, "deleted_at", m.DeletedAt);
        w.WriteBoolean("follow_up", m.FollowUp);
        String(w, "instruction_for_rdv", m.InstructionForRdv);
        w.WriteString("location_type", m.LocationType);
        if (m.CategoryId is { } categoryId)
        {
            w.WriteStartObject("motif_category");
            w.WriteNumber("id", categoryId);
            w.WriteString("name", m.CategoryName);
            w.WriteString("short_name", m.CategoryShortName);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("motif_category");
        }
        w.WriteString("name", m.Name);
        w.WriteNumber("organisation_id", m.OrganisationId);
        w.WriteNumber("service_id", m.ServiceId);
        w.WriteEndObject();
    }

    /// <param name="responsible">The nested responsible (its own <c>responsible</c> is written null).</param>
    /// <param name="profiles">Null for the common variant; the organisations of <c>user_profiles</c> for a shown user.</param>
    /// <param name="responsibleProfiles">The same treatment for the nested responsible.</param>
    public static void User(Utf8JsonWriter w, UserRow u, UserRow? responsible = null,
        IReadOnlyList<OrganisationRow>? profiles = null, IReadOnlyList<OrganisationRow>? responsibleProfiles = null)
    {
        w.WriteStartObject();
        w.WriteNumber("id", u.Id);
        String(w, "address", u.Address);
        String(w, "address_details", u.AddressDetails);
        String(w, "affiliation_number", u.AffiliationNumber);
        if (u.BirthDate is { } birthDate) w.WriteString("birth_date", Date(birthDate));
        else w.WriteNull("birth_date");
        String(w, "birth_name", u.BirthName);
        String(w, "caisse_affiliation", Choice(CaisseAffiliations, u.CaisseAffiliation));
        String(w, "case_number", u.CaseNumber);
        w.WriteString("created_at", DateTime(u.CreatedAt));
        String(w, "email", u.Email);
        String(w, "family_situation", Choice(FamilySituations, u.FamilySituation));
        w.WriteString("first_name", u.FirstName);
        // Devise e-mail invitations do not exist in RdvSP (usagers are invited by token): always null.
        w.WriteNull("invitation_accepted_at");
        w.WriteNull("invitation_created_at");
        w.WriteString("last_name", u.LastName);
        String(w, "logement", Choice(Logements, u.Logement));
        String(w, "notes", u.Notes);
        w.WriteBoolean("notify_by_email", u.NotifyByEmail);
        w.WriteBoolean("notify_by_sms", u.NotifyBySms);
        if (u.NumberOfChildren is { } children) w.WriteNumber("number_of_children", children);
        else w.WriteNull("number_of_children");
        String(w, "phone_number", u.PhoneNumber);
        String(w, "phone_number_formatted", u.PhoneNumberFormatted);
        w.WritePropertyName("responsible");
        if (responsible is null) w.WriteNullValue();
        else User(w, responsible, null, responsibleProfiles, null);
        if (u.ResponsibleId is { } responsibleId) w.WriteNumber("responsible_id", responsibleId);
        else w.WriteNull("responsible_id");
        w.WritePropertyName("user_profiles");
        if (profiles is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartArray();
            foreach (var organisation in profiles)
            {
                w.WriteStartObject();
                w.WritePropertyName("organisation");
                Organisation(w, organisation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void Participation(Utf8JsonWriter w, ParticipationRow p, UserRow user, UserRow? responsible)
    {
        w.WriteStartObject();
        w.WriteNumber("id", p.Id);
        String(w, "created_by", p.CreatedByType == "FileAttente" ? null : CreatedBy(p.CreatedByType));
        w.WriteBoolean("created_by_agent_prescripteur", p.CreatedByAgentPrescripteur);
        Number(w, "created_by_id", p.CreatedById);
        w.WriteString("created_by_type", p.CreatedByType);
        w.WriteBoolean("send_lifecycle_notifications", p.SendLifecycleNotifications);
        w.WriteBoolean("send_reminder_notification", p.SendReminderNotification);
        w.WriteString("status", p.Status);
        w.WritePropertyName("user");
        User(w, user, responsible);
        w.WriteEndObject();
    }

    /// <summary>An RDV with everything it nests, already loaded.</summary>
    public sealed record RdvGraph(
        RdvRow Rdv,
        OrganisationRow Organisation,
        MotifRow Motif,
        LieuRow? Lieu,
        IReadOnlyList<AgentRow> Agents,
        IReadOnlyList<(ParticipationRow Participation, UserRow User, UserRow? Responsible)> Participations);

    public static void Rdv(Utf8JsonWriter w, RdvGraph g)
    {
        var r = g.Rdv;
        w.WriteStartObject();
        w.WriteNumber("id", r.Id);
        w.WriteString("address", RdvAddress(g));
        w.WriteStartArray("agents");
        foreach (var agent in g.Agents) Agent(w, agent);
        w.WriteEndArray();
        DateTime(w, "cancelled_at", r.CancelledAt);
        w.WriteBoolean("collectif", g.Motif.Collectif);
        String(w, "context", r.Context);
        w.WriteString("created_by", CreatedBy(r.CreatedByType));
        Number(w, "created_by_id", r.CreatedById);
        w.WriteString("created_by_type", r.CreatedByType);
        w.WriteNumber("duration_in_min", (int)Math.Round((r.EndsAt - r.StartsAt).TotalMinutes));
        w.WriteString("ends_at", DateTime(r.EndsAt));
        w.WritePropertyName("lieu");
        if (g.Lieu is null) w.WriteNullValue();
        else Lieu(w, g.Lieu);
        Number(w, "max_participants_count", r.MaxParticipantsCount);
        w.WritePropertyName("motif");
        Motif(w, g.Motif);
        String(w, "name", r.Name);
        w.WritePropertyName("organisation");
        Organisation(w, g.Organisation);
        w.WriteStartArray("participations");
        foreach (var (participation, user, responsible) in g.Participations) Participation(w, participation, user, responsible);
        w.WriteEndArray();
        w.WriteString("starts_at", DateTime(r.StartsAt));
        w.WriteString("status", r.Status);
        w.WriteStartArray("users");
        foreach (var (_, user, responsible) in g.Participations) User(w, user, responsible);
        w.WriteEndArray();
        w.WriteNumber("users_count", g.Participations.Count(p => p.Participation.Status is not ("excused" or "revoked")));
        w.WriteString("uuid", r.Uuid.ToString());
        w.WriteEndObject();
    }

    /// <summary>
    /// Public office: the lieu's address; at home: the address of the first participant having one,
    /// the person responsible for a relative first; by phone or visio: "".
    /// </summary>
    private static string RdvAddress(RdvGraph g) => g.Motif.LocationType switch
    {
        "public_office" => g.Lieu?.Address ?? "",
        "home" => g.Participations
            .Select(p => p.Responsible?.Address is { Length: > 0 } a ? a : p.User.Address)
            .FirstOrDefault(a => !string.IsNullOrWhiteSpace(a)) ?? "",
        _ => "",
    };

    public static void Absence(Utf8JsonWriter w, AbsenceRow a, AgentRow agent, OrganisationRow? organisation, DateTimeOffset now)
    {
        var uid = $"absence_{a.Id}@RDV Solidarités";
        var rrule = Rrule(a.Recurrence);
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WritePropertyName("agent");
        Agent(w, agent);
        w.WriteString("end_day", Date(a.EndDay));
        w.WriteString("end_time", Time(a.EndTime));
        w.WriteString("first_day", Date(a.FirstDay));
        w.WriteString("ical", Ical(uid, a.Title, a.FirstDay.ToDateTime(a.StartTime), a.EndDay.ToDateTime(a.EndTime), rrule, organisation?.Verticale, now));
        w.WriteString("ical_uid", uid);
        w.WritePropertyName("organisation");
        if (organisation is null) w.WriteNullValue();
        else Organisation(w, organisation);
        String(w, "rrule", rrule);
        w.WriteString("start_time", Time(a.StartTime));
        w.WriteString("title", a.Title);
        w.WriteEndObject();
    }

    public static void PlageOuverture(Utf8JsonWriter w, PlageRow p, AgentRow agent, LieuRow? lieu, IReadOnlyList<MotifRow> motifs, OrganisationRow organisation, DateTimeOffset now)
    {
        var uid = $"plage_ouverture_{p.Id}@RDV Solidarités";
        var rrule = Rrule(p.Recurrence);
        w.WriteStartObject();
        w.WriteNumber("id", p.Id);
        w.WritePropertyName("agent");
        Agent(w, agent);
        w.WriteString("end_time", Time(p.EndTime));
        w.WriteString("first_day", Date(p.FirstDay));
        w.WriteString("ical", Ical(uid, p.Title, p.FirstDay.ToDateTime(p.StartTime), p.FirstDay.ToDateTime(p.EndTime), rrule, organisation.Verticale, now));
        w.WriteString("ical_uid", uid);
        w.WritePropertyName("lieu");
        if (lieu is null) w.WriteNullValue();
        else Lieu(w, lieu);
        w.WriteStartArray("motifs");
        foreach (var motif in motifs) Motif(w, motif);
        w.WriteEndArray();
        w.WritePropertyName("organisation");
        Organisation(w, organisation);
        String(w, "rrule", rrule);
        w.WriteString("start_time", Time(p.StartTime));
        w.WriteString("title", p.Title);
        w.WriteEndObject();
    }

    public static void AgentRole(Utf8JsonWriter w, AgentRoleRow role, AgentRow agent, OrganisationRow organisation)
    {
        w.WriteStartObject();
        w.WriteNumber("id", role.Id);
        w.WriteString("access_level", role.AccessLevel);
        w.WritePropertyName("agent");
        Agent(w, agent);
        w.WritePropertyName("organisation");
        Organisation(w, organisation);
        w.WriteEndObject();
    }

    public static void UserProfile(Utf8JsonWriter w, OrganisationRow organisation, UserRow user, UserRow? responsible)
    {
        w.WriteStartObject();
        w.WritePropertyName("organisation");
        Organisation(w, organisation);
        w.WritePropertyName("user");
        User(w, user, responsible);
        w.WriteEndObject();
    }

    public static void ReferentAssignation(Utf8JsonWriter w, AgentRow agent, UserRow user, UserRow? responsible)
    {
        w.WriteStartObject();
        w.WritePropertyName("agent");
        Agent(w, agent);
        w.WritePropertyName("user");
        User(w, user, responsible);
        w.WriteEndObject();
    }

    /// <summary>REFERENCE-API §3.13: the secret is never written.</summary>
    public static void WebhookEndpoint(Utf8JsonWriter w, long id, long organisationId, IReadOnlyList<string> subscriptions, string targetUrl)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteNumber("organisation_id", organisationId);
        w.WriteStartArray("subscriptions");
        foreach (var subscription in subscriptions) w.WriteStringValue(subscription);
        w.WriteEndArray();
        w.WriteString("target_url", targetUrl);
        w.WriteEndObject();
    }

    /// <summary>
    /// The reference's RRULE text (REFERENCE-API §3.6): FREQ, INTERVAL when above 1, BYDAY (weekly days
    /// or the monthly "2TU" form), UNTIL as a local midnight, each part followed by ";".
    /// </summary>
    public static string? Rrule(string? recurrenceJson)
    {
        if (string.IsNullOrEmpty(recurrenceJson)) return null;
        var parsed = Recurrence.Parse(recurrenceJson);
        if (parsed.IsFailure) return null;
        var r = parsed.Value;
        var text = new StringBuilder();
        text.Append("FREQ=").Append(r.Every == RecurrenceFrequency.Week ? "WEEKLY" : "MONTHLY").Append(';');
        if (r.Interval > 1) text.Append("INTERVAL=").Append(r.Interval.ToString(CultureInfo.InvariantCulture)).Append(';');
        if (r.Every == RecurrenceFrequency.Week && r.Weekdays.Count > 0)
            text.Append("BYDAY=").AppendJoin(',', r.Weekdays.Select(DayCode)).Append(';');
        if (r.Every == RecurrenceFrequency.Month && r.MonthlyWeekday is { } weekday && r.MonthlyWeekdayNumber is { } number)
            text.Append("BYDAY=").Append(number.ToString(CultureInfo.InvariantCulture)).Append(DayCode(weekday)).Append(';');
        if (r.Until is { } until) text.Append("UNTIL=").Append(until.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("T000000;");
        return text.ToString();
    }

    private static string DayCode(DayOfWeek day) => day.ToString()[..2].ToUpperInvariant();

    /// <summary>The ORGANIZER domain of the organisation's brand.</summary>
    public static string BrandDomain(string? verticale) => verticale switch
    {
        "rdv_aide_numerique" => "rdv-aide-numerique.fr",
        "rdv_mairie" => "rdv.anct.gouv.fr",
        _ => "rdv-solidarites.fr",
    };

    /// <summary>The single-event VCALENDAR of an absence or a plage (REFERENCE-API §3.6), CRLF line ends.</summary>
    public static string Ical(string uid, string title, System.DateTime start, System.DateTime end, string? rrule, string? verticale, DateTimeOffset now)
    {
        var year = start.Year;
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:RDV Solidarités", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
            "BEGIN:DAYLIGHT", $"DTSTART:{LastSunday(year, 3):yyyyMMdd}T030000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "TZNAME:CEST", "END:DAYLIGHT",
            "BEGIN:STANDARD", $"DTSTART:{LastSunday(year, 10):yyyyMMdd}T020000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZNAME:CET", "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "DTSTAMP:" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            "UID:" + uid,
            "DTSTART;TZID=Europe/Paris:" + start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
            "DTEND;TZID=Europe/Paris:" + end.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
            "ORGANIZER:mailto:secretariat-auto@" + BrandDomain(verticale),
            "SEQUENCE:0",
            "SUMMARY:RDV Solidarités " + IcalText(title),
        };
        if (rrule is not null) lines.Add("RRULE:" + rrule.TrimEnd(';'));
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static DateOnly LastSunday(int year, int month)
    {
        var day = new DateOnly(year, month, System.DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return day;
    }

    private static string IcalText(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>The deprecated lower-case mirror of <c>created_by_type</c>.</summary>
    private static string CreatedBy(string type) => type switch
    {
        "FileAttente" => "file_attente",
        _ => type.ToLowerInvariant(),
    };

    private static string? Choice(string[] values, short? index) =>
        index is { } i && i >= 0 && i < values.Length ? values[i] : null;

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void DateTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, DateTime(v));
        else w.WriteNull(name);
    }
}

public sealed record OrganisationRow
{
    public long Id { get; init; }
    public string? Email { get; init; }
    public string Name { get; init; } = "";
    public string? PhoneNumber { get; init; }
    public string Verticale { get; init; } = "";
}

public sealed record AgentRow
{
    public long Id { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
}

public sealed record LieuRow
{
    public long Id { get; init; }
    public string Address { get; init; } = "";
    public string Name { get; init; } = "";
    public long OrganisationId { get; init; }
    public string? PhoneNumber { get; init; }
    public string Availability { get; init; } = "";
}

public sealed record MotifRow
{
    public long Id { get; init; }
    public string BookableBy { get; init; } = "";
    public bool Collectif { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public bool FollowUp { get; init; }
    public string? InstructionForRdv { get; init; }
    public string LocationType { get; init; } = "";
    public long? CategoryId { get; init; }
    public string? CategoryName { get; init; }
    public string? CategoryShortName { get; init; }
    public string Name { get; init; } = "";
    public long OrganisationId { get; init; }
    public long ServiceId { get; init; }
}

public sealed record UserRow
{
    public long Id { get; init; }
    public string? Address { get; init; }
    public string? AddressDetails { get; init; }
    public string? AffiliationNumber { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? BirthName { get; init; }
    public short? CaisseAffiliation { get; init; }
    public string? CaseNumber { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? Email { get; init; }
    public short? FamilySituation { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public short? Logement { get; init; }
    public string? Notes { get; init; }
    public bool NotifyByEmail { get; init; }
    public bool NotifyBySms { get; init; }
    public int? NumberOfChildren { get; init; }
    public string? PhoneNumber { get; init; }
    public string? PhoneNumberFormatted { get; init; }
    public long? ResponsibleId { get; init; }
}

public sealed record RdvRow
{
    public long Id { get; init; }
    public Guid Uuid { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public long OrganisationId { get; init; }
    public long MotifId { get; init; }
    public long? LieuId { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? CancelledAt { get; init; }
    public string? Context { get; init; }
    public string? Name { get; init; }
    public int? MaxParticipantsCount { get; init; }
    public string CreatedByType { get; init; } = "";
    public long? CreatedById { get; init; }
}

public sealed record ParticipationRow
{
    public long Id { get; init; }
    public long RdvId { get; init; }
    public long UserId { get; init; }
    public string Status { get; init; } = "";
    public bool SendLifecycleNotifications { get; init; }
    public bool SendReminderNotification { get; init; }
    public string CreatedByType { get; init; } = "";
    public long? CreatedById { get; init; }
    public bool CreatedByAgentPrescripteur { get; init; }
}

public sealed record AbsenceRow
{
    public long Id { get; init; }
    public long AgentId { get; init; }
    public string Title { get; init; } = "";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }
    public DateOnly EndDay { get; init; }
    public TimeOnly EndTime { get; init; }
    public string? Recurrence { get; init; }
}

public sealed record PlageRow
{
    public long Id { get; init; }
    public long AgentId { get; init; }
    public long OrganisationId { get; init; }
    public long? LieuId { get; init; }
    public string Title { get; init; } = "";
    public DateOnly FirstDay { get; init; }
    public TimeOnly StartTime { get; init; }
    public TimeOnly EndTime { get; init; }
    public string? Recurrence { get; init; }
}

public sealed record AgentRoleRow
{
    public long Id { get; init; }
    public string AccessLevel { get; init; } = "";
    public long AgentId { get; init; }
    public long OrganisationId { get; init; }
}
