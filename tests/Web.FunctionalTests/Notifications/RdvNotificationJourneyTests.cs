using System.Net;
using System.Text.Json;
using FluentAssertions;
using Ical.Net;
using MimeKit;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.Booking;

namespace RdvSP.Web.FunctionalTests.Notifications;

/// <summary>
/// The usager journey through the real pages, the outbox and its dispatcher, MailKit to a real SMTP
/// server and the Brevo SMS API on a local stub: what people receive when an RDV is booked and cancelled.
/// </summary>
[TestFixture]
public sealed class RdvNotificationJourneyTests : JourneyFixture
{
    private FakeSmtpServer smtp = null!;
    private SmsStubServer sms = null!;

    protected override RdvspWebFactory Configure(RdvspWebFactory factory)
    {
        smtp = FakeSmtpServer.Start();
        sms = SmsStubServer.StartAsync().GetAwaiter().GetResult();
        return factory
            .WithSmtp(smtp)
            .WithSetting("FORCE_SMS_PROVIDER", "send_in_blue")
            .WithSetting("BREVO_API_URL", sms.Url);
    }

    [TearDown]
    public async Task StopServers()
    {
        await smtp.DisposeAsync();
        await sms.DisposeAsync();
    }

    [Test]
    public async Task Booking_sends_the_usager_email_with_ics_the_sms_and_the_agent_email_then_cancelling_sends_the_cancellations()
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        await ScalarAsync($"update usagers.users set phone_number = '06 12 34 56 78', phone_number_formatted = '+33612345678' where id = {usager} returning id");
        var client = await Factory.SignedInClientAsync("camille@example.fr");

        var booked = await client.PostFormAsync(WizardUrl(3, ParisTime(2027, 3, 2, 9), usager), []);

        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var rdvUrl = booked.Headers.Location!.ToString();
        var uuid = await UuidAsync();
        var confirmation = await smtp.WaitForMessageToAsync("camille@example.fr", TimeSpan.FromSeconds(30));
        confirmation.Subject.Should().Be("RDV confirmé le mardi 2 mars 2027 à 09h00");
        confirmation.TextBody.Should().Contain("Votre RDV du mardi 2 mars 2027 à 09h00 a été confirmé.")
            .And.Contain("MDS Test Centre, 1 place de la Liberté 26000 Valence")
            .And.Contain($"http://localhost{await LinkAsync()}");
        confirmation.ReplyTo.Mailboxes.Single().Address.Should().Be($"rdv+{uuid}@reply.rdv-service-public.fr");
        var (method, calendar) = CalendarOf(confirmation);
        method.Should().Be("PUBLISH");
        var evt = calendar.Events.Single();
        evt.Uid.Should().Be(uuid.ToString());
        evt.DtStart!.TzId.Should().Be("Europe/Paris");
        evt.DtStart.Value.Should().Be(new DateTime(2027, 3, 2, 9, 0, 0));
        evt.DtEnd!.Value.Should().Be(new DateTime(2027, 3, 2, 9, 30, 0));

        var agentMail = await smtp.WaitForMessageToAsync("lefebvre@test.rdv-sp.fr", TimeSpan.FromSeconds(30));
        agentMail.Subject.Should().Be("Nouveau RDV ajouté sur votre agenda RDV Service Public pour le mardi 2 mars 2027 à 09h00");
        CalendarOf(agentMail).Method.Should().Be("REQUEST");

        var text = await SmsTextAsync(1);
        text.Should().Be($"RDV PMI 02/03 09h00.\nMDS Test Centre (1 place de la Liberté 26000 Valence)\nInfos et annulation: http://localhost{await LinkAsync()} / 04 75 00 00 00");

        (await client.PostFormAsync(rdvUrl + "/annuler", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var cancelled = await WaitForSubjectAsync("camille@example.fr", "RDV annulé le mardi 2 mars 2027 à 09h00 avec MDS Test");
        cancelled.TextBody.Should().Contain("a été annulé à votre demande").And.Contain("appelez le 04 75 00 00 00");
        var (cancelMethod, cancelCalendar) = CalendarOf(cancelled);
        cancelMethod.Should().Be("CANCEL");
        cancelCalendar.Events.Single().Uid.Should().Be(uuid.ToString());
        (await WaitForSubjectAsync("lefebvre@test.rdv-sp.fr", "RDV annulé le mardi 2 mars 2027 à 09h00")).TextBody.Should().Contain("annulé par l'usager");
        sms.Requests.Should().HaveCount(1, "a usager who cancels gets no SMS");
        (await ScalarAsync("select count(*) from notifications.outbox where reminder")).Should().Be(0, "the reminders were dropped with the cancellation");
        (await ScalarAsync("select count(*) from notifications.receipts where channel = 'mail' and result = 'processed'")).Should().Be(2);
    }

    /// <summary>The participation's short link (the only participation of the test).</summary>
    private static async Task<string> LinkAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select '/r/' || rdv_id || '/' || token from booking.participations", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Guid> UuidAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select uuid from booking.rdvs", connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static (string Method, Calendar Calendar) CalendarOf(MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return (part.ContentType.Parameters["method"]!, Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!);
    }

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

    private async Task<string> SmsTextAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sms.Requests.Count < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the SMS should reach the provider");
            await Task.Delay(100);
        }
        using var json = JsonDocument.Parse(sms.Requests[count - 1].Body);
        json.RootElement.GetProperty("recipient").GetString().Should().Be("33612345678");
        json.RootElement.GetProperty("sender").GetString().Should().Be("RdvSP");
        return json.RootElement.GetProperty("content").GetString()!;
    }
}
