using System.Globalization;
using System.Net;
using FluentAssertions;
using Ical.Net;
using Ical.Net.DataTypes;
using MimeKit;
using RdvSP.TestKit;
using static RdvSP.Web.FunctionalTests.Identity.UsagerApp;

namespace RdvSP.Web.FunctionalTests.Notifications;

/// <summary>
/// Plage and absence e-mails (REFERENCE-DOMAIN §6.4, REFERENCE-SURFACES §8.3) through the real back-office
/// pages, the outbox, its dispatcher and MailKit to a local SMTP server: the owning agent is told, with an
/// ICS parsed back (RRULE, TZID, UID, METHOD), when his level is "all", whoever made the change.
/// </summary>
[TestFixture]
public sealed class AgentScheduleEmailTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;
    private FakeSmtpServer smtp = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        smtp = FakeSmtpServer.Start();
        factory = new RdvspWebFactory()
            .WithSmtp(smtp);
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await factory.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly Monday(int weeks) => Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7) + (7 * weeks));

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static long IdFrom(HttpResponseMessage response) => long.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), Inv);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> fields) =>
        client.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private Dictionary<string, string> PlageFields(string title, DateOnly firstDay, string start, string end, string recurrence) => new()
    {
        ["Input.Title"] = title,
        ["Input.FirstDay"] = D(firstDay),
        ["Input.StartTime"] = start,
        ["Input.EndTime"] = end,
        ["Input.Recurrence"] = recurrence,
        ["Input.LieuId"] = world.LieuA.ToString(Inv),
        ["Input.MotifIds"] = world.PmiMotifA.ToString(Inv),
    };

    private static Dictionary<string, string> AbsenceFields(string title, DateOnly firstDay, string start, DateOnly endDay, string end) => new()
    {
        ["Input.Title"] = title,
        ["Input.FirstDay"] = D(firstDay),
        ["Input.StartTime"] = start,
        ["Input.EndDay"] = D(endDay),
        ["Input.EndTime"] = end,
        ["Input.Recurrence"] = "",
    };

    private static Task<long> AbsenceMessagesAsync() =>
        ScalarAsync<long>("select count(*) from notifications.outbox where template = 'agent_schedule' and event like 'absence%'");

    private async Task<MimeMessage> WaitForSubjectAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (smtp.MessagesTo(to).FirstOrDefault(m => m.Subject == subject) is { } found) return found;
            DateTime.UtcNow.Should().BeBefore(deadline, $"an e-mail \"{subject}\" to {to} should arrive");
            await Task.Delay(100);
        }
    }

    private static (string Method, Ical.Net.Calendar Calendar) CalendarOf(MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return (part.ContentType.Parameters["method"]!, Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!);
    }

    [Test]
    public async Task A_plage_created_edited_and_deleted_by_an_admin_emails_its_agent_with_the_ics_and_its_rrule()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var monday = Monday(3);
        var until = monday.AddDays(27);
        var title = Unique("Permanence");
        var weekly = $$"""{"every":"week","interval":2,"starts":"{{D(monday)}}","on":["monday","thursday"],"day":[1,4],"until":"{{D(until)}}"}""";

        var created = await PostAsync(admin, $"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures/new",
            PlageFields(title, monday, "09:00", "12:00", weekly));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = IdFrom(created);

        var mail = await WaitForSubjectAsync(world.PmiAgentA.Email, $"RDV Service Public - Plage d'ouverture créée - {title}");
        mail.TextBody.Should().Contain("Une plage d'ouverture a été créée sur votre agenda.")
            .And.Contain("Toutes les 2 semaines, le lundi et le jeudi, jusqu'au " + until.ToString("dd/MM/yyyy", Inv))
            .And.Contain($"http://localhost/admin/organisations/{world.OrganisationA}/plage_ouvertures/{id}");
        var (method, calendar) = CalendarOf(mail);
        method.Should().Be("PUBLISH");
        var evt = calendar.Events.Single();
        evt.Uid.Should().Be($"plage_ouverture_{id}@RDV Solidarités");
        evt.DtStart!.TzId.Should().Be("Europe/Paris");
        evt.DtStart.Value.Should().Be(monday.ToDateTime(new TimeOnly(9, 0)));
        evt.DtEnd!.Value.Should().Be(monday.ToDateTime(new TimeOnly(12, 0)));
        var rule = evt.RecurrenceRule!;
        rule.Frequency.Should().Be(FrequencyType.Weekly);
        rule.Interval.Should().Be(2);
        rule.ByDay.Select(d => d.DayOfWeek).Should().Equal(DayOfWeek.Monday, DayOfWeek.Thursday);
        rule.Until!.AsUtc.Should().Be(TimeZoneInfo.ConvertTimeToUtc(until.ToDateTime(new TimeOnly(23, 59, 59)), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
        var firstSequence = evt.Sequence;

        var nth = (monday.Day - 1) / 7 + 1;
        var monthly = "{\"every\":\"month\",\"interval\":1,\"starts\":\"" + D(monday) + "\",\"day\":{\"1\":[" + nth.ToString(Inv) + "]}}";
        (await PostAsync(admin, $"/admin/organisations/{world.OrganisationA}/plage_ouvertures/{id}/edit", PlageFields(title, monday, "14:00", "17:00", monthly)))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var updated = await WaitForSubjectAsync(world.PmiAgentA.Email, $"RDV Service Public - Plage d'ouverture modifiée - {title}");
        var updatedEvent = CalendarOf(updated).Calendar.Events.Single();
        updatedEvent.Uid.Should().Be(evt.Uid, "the calendar updates the same event");
        updatedEvent.Sequence.Should().BeGreaterThan(firstSequence);
        updatedEvent.DtStart!.Value.Should().Be(monday.ToDateTime(new TimeOnly(14, 0)));
        updatedEvent.RecurrenceRule!.Frequency.Should().Be(FrequencyType.Monthly);
        updatedEvent.RecurrenceRule.ByDay.Should().ContainSingle().Which.Offset.Should().Be(nth);

        (await admin.PostFormAsync($"/admin/organisations/{world.OrganisationA}/plage_ouvertures/{id}", [], $"/admin/organisations/{world.OrganisationA}/plage_ouvertures/{id}?handler=Delete"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var destroyed = await WaitForSubjectAsync(world.PmiAgentA.Email, $"RDV Service Public - Plage d'ouverture supprimée - {title}");
        var (cancelMethod, cancelCalendar) = CalendarOf(destroyed);
        cancelMethod.Should().Be("CANCEL");
        cancelCalendar.Events.Single().Uid.Should().Be(evt.Uid);
        cancelCalendar.Events.Single().Status.Should().Be("CANCELLED");
        smtp.MessagesTo(world.AdminA.Email).Should().NotContain(m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal), "only the owning agent is told");
    }

    [Test]
    public async Task An_absence_emails_its_agent_only_while_his_absence_level_is_all()
    {
        using var agent = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var newUrl = $"/admin/organisations/{world.OrganisationA}/agents/{world.SocialAgentA.Id}/absences/new";
        var day = Monday(4).AddDays(1);
        await ScalarAsync<int>("update organisations.agents set absence_notification_level = 'none' where id = @p returning 1", world.SocialAgentA.Id);
        var silent = Unique("Formation");
        var before = await AbsenceMessagesAsync();

        (await PostAsync(agent, newUrl, AbsenceFields(silent, day, "08:00", day, "12:00"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await AbsenceMessagesAsync()).Should().Be(before, "the level is none: nothing is queued");

        await ScalarAsync<int>("update organisations.agents set absence_notification_level = 'all' where id = @p returning 1", world.SocialAgentA.Id);
        var told = Unique("Congés");
        var created = await PostAsync(agent, newUrl, AbsenceFields(told, day, "00:00", day.AddDays(4), "23:55"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var mail = await WaitForSubjectAsync(world.SocialAgentA.Email, $"RDV Service Public - Indisponibilité créée - {told}");
        mail.TextBody.Should().Contain("Une indisponibilité a été créée sur votre agenda.").And.Contain("Exceptionnelle (pas de répétition)");
        var evt = CalendarOf(mail).Calendar.Events.Single();
        evt.Uid.Should().Be($"absence_{IdFrom(created)}@RDV Solidarités");
        evt.RecurrenceRule.Should().BeNull();
        evt.DtEnd!.Value.Should().Be(day.AddDays(4).ToDateTime(new TimeOnly(23, 55)));
        (await AbsenceMessagesAsync()).Should().Be(before + 1);
        smtp.MessagesTo(world.SocialAgentA.Email).Should().NotContain(m => (m.Subject ?? "").Contains(silent, StringComparison.Ordinal));
    }
}
