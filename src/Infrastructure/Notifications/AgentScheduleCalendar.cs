using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RdvSP.Application.Notifications;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Availability;
using RdvSP.Domain.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// The ICS of the agents' plage and absence e-mails (REFERENCE-DOMAIN §3.8, §6.5): the first occurrence's
/// start and end in the organisation's zone (TZID) plus the recurrence as RRULE; the same UID as the API and
/// webhooks (<c>plage_ouverture_&lt;id&gt;@RDV Solidarités</c>) so a calendar updates one event; METHOD CANCEL
/// for a deletion. Unlike the reference (UNTIL = local midnight, which drops the last day), UNTIL is the
/// end of the last day in UTC, as RFC 5545 requires with a TZID start.
/// </summary>
public static class AgentScheduleCalendar
{
    /// <param name="sequence">The outbox row's id: it grows with every change queued, even two in the same second.</param>
    public static CalendarAttachment Build(AgentScheduleMessage message, string link, int sequence)
    {
        var d = message.Details;
        var destroyed = message.Change == AgentScheduleChange.Destroyed;
        var method = destroyed ? "CANCEL" : "PUBLISH";
        var calendar = new Ical.Net.Calendar { Method = method };
        calendar.AddTimeZone(d.TimeZone);
        var plage = d.Item == AgentScheduleItem.PlageOuverture;
        var evt = new CalendarEvent
        {
            Uid = Uid(d),
            Sequence = sequence,
            DtStamp = new CalDateTime(message.ChangedAt.UtcDateTime, "UTC"),
            Summary = $"{RdvTexts.Brand} {d.Title}",
            Description = $"{(plage ? "Plage d'ouverture" : "Indisponibilité")} : {link}",
            Location = plage && d.LieuAddress is not null ? $"{d.LieuName}, {d.LieuAddress}" : null,
            DtStart = new CalDateTime(d.FirstDay.ToDateTime(d.StartTime), d.TimeZone),
            DtEnd = new CalDateTime(d.EndDay.ToDateTime(d.EndTime), d.TimeZone),
            Status = destroyed ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{RdvCalendar.Organizer}") { CommonName = RdvTexts.Brand },
        };
        if (Rrule(d.Recurrence, d.TimeZone) is { } rrule) evt.RecurrenceRule = new RecurrencePattern(rrule);
        calendar.Events.Add(evt);
        return new CalendarAttachment(method, new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    public static string Uid(AgentScheduleDetails details) =>
        $"{(details.Item == AgentScheduleItem.PlageOuverture ? "plage_ouverture" : "absence")}_{details.Id}@RDV Solidarités";

    /// <summary>FREQ=WEEKLY;[INTERVAL=n;][BYDAY=MO,TH;][UNTIL=…Z] or FREQ=MONTHLY;[INTERVAL=n;][BYDAY=3TU;][UNTIL=…Z]; null for a one-off item.</summary>
    internal static string? Rrule(string? recurrenceJson, string timeZone)
    {
        if (recurrenceJson is null || Recurrence.IsNone(recurrenceJson)) return null;
        var parsed = Recurrence.Parse(recurrenceJson);
        if (parsed.IsFailure) return null;
        var r = parsed.Value;
        var parts = new List<string> { r.Every == RecurrenceFrequency.Week ? "FREQ=WEEKLY" : "FREQ=MONTHLY" };
        if (r.Interval > 1) parts.Add("INTERVAL=" + r.Interval.ToString(CultureInfo.InvariantCulture));
        if (r.Every == RecurrenceFrequency.Week && r.Weekdays.Count > 0)
            parts.Add("BYDAY=" + string.Join(',', r.Weekdays.Select(DayCode)));
        if (r.Every == RecurrenceFrequency.Month && r.MonthlyWeekday is { } weekday && r.MonthlyWeekdayNumber is { } number)
            parts.Add("BYDAY=" + number.ToString(CultureInfo.InvariantCulture) + DayCode(weekday));
        if (r.EndsAtLocal is { } endsAt)
        {
            var utc = TimeZoneInfo.ConvertTimeToUtc(endsAt, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
            parts.Add("UNTIL=" + utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }
        return new StringBuilder().AppendJoin(';', parts).ToString();
    }

    private static string DayCode(DayOfWeek day) => day.ToString()[..2].ToUpperInvariant();
}
