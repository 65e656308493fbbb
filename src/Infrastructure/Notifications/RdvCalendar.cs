using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// The ICS attached to RDV e-mails (REFERENCE-DOMAIN §6.5): UID = the RDV's uuid (stable, so a calendar
/// updates the same event), SEQUENCE grows with each change, times in the organisation's zone (TZID),
/// METHOD CANCEL for cancellations, REQUEST when agents are listed as attendees (agents' e-mails), else PUBLISH.
/// </summary>
public static class RdvCalendar
{
    public const string Organizer = "secretariat@rdv-service-public.fr";

    public static CalendarAttachment Build(RdvMessage message, string link)
    {
        var rdv = message.Rdv;
        var cancelled = message.Kind == NotificationKind.Cancelled;
        var method = cancelled ? "CANCEL" : message.ToAgent ? "REQUEST" : "PUBLISH";
        var calendar = new Calendar { Method = method };
        calendar.AddTimeZone(rdv.TimeZone);
        var evt = new CalendarEvent
        {
            Uid = rdv.Uuid.ToString(),
            Sequence = rdv.Sequence,
            Summary = $"RDV {RdvTexts.Title(rdv)}",
            Description = $"Infos et annulation : {link}",
            // Where, without personal data beyond the place itself; none for phone RDVs.
            Location = rdv.LocationType == "visio" ? RdvTexts.VisioUrl(rdv) : rdv.Address,
            DtStart = new CalDateTime(RdvTexts.Local(rdv.StartsAt, rdv.TimeZone), rdv.TimeZone),
            DtEnd = new CalDateTime(RdvTexts.Local(rdv.EndsAt, rdv.TimeZone), rdv.TimeZone),
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{Organizer}") { CommonName = RdvTexts.Brand },
        };
        if (message.ToAgent)
        {
            foreach (var agent in rdv.Agents.Where(a => !string.IsNullOrWhiteSpace(a.Email)))
                evt.Attendees.Add(new Attendee($"mailto:{agent.Email}") { CommonName = agent.FullName });
        }
        calendar.Events.Add(evt);
        return new CalendarAttachment(method, new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
