using System.Text;
using System.Text.Json;
using FluentAssertions;
using Ical.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Notifications;
using RdvSP.Infrastructure.Notifications;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>EMAIL_TRANSPORT=brevo_api: e-mails through Brevo's REST API (a local Kestrel stub speaking it), with its error codes.</summary>
public sealed class BrevoEmailApiTests : NotificationsTest
{
    private Microsoft.Extensions.DependencyInjection.ServiceProvider transport = null!;

    [SetUp]
    public void UseBrevoApi()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EMAIL_TRANSPORT"] = "brevo_api",
            ["BREVO_API_URL"] = Stub.Url,
            ["BREVO_API_KEY"] = "xkeysib-test",
            ["BREVO_EMAIL_TIMEOUT_SECONDS"] = "2",
            ["SMTP_FROM"] = "RDV Service Public <ne-pas-repondre@rdv.example.fr>",
        }).Build();
        transport = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddNotifications(configuration).BuildServiceProvider();
        Configuration["FORCE_SMS_PROVIDER"] = "debug_logger";
    }

    [TearDown]
    public async Task DisposeTransportAsync() => await transport.DisposeAsync();

    private OutboxDispatcher BrevoDispatcher() => NewDispatcher(transport.GetRequiredService<IEmailSender>());

    [Test]
    public void The_transport_is_chosen_by_configuration()
    {
        transport.GetRequiredService<IEmailSender>().Should().BeOfType<BrevoEmailSender>();

        IEmailSender Sender(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSingleton(TimeProvider.System)
                .AddNotifications(configuration).BuildServiceProvider().GetRequiredService<IEmailSender>();
        }
        Sender([]).Should().BeOfType<SmtpEmailSender>();
        Sender(new() { ["MAIL_PICKUP_DIRECTORY"] = Path.GetTempPath() }).Should().BeOfType<PickupFolderEmailSender>();
        Sender(new() { ["EMAIL_TRANSPORT"] = "smtp", ["MAIL_PICKUP_DIRECTORY"] = Path.GetTempPath() }).Should().BeOfType<SmtpEmailSender>();
        FluentActions.Invoking(() => Sender(new() { ["EMAIL_TRANSPORT"] = "brevo_api" }))
            .Should().Throw<InvalidOperationException>().WithMessage("EMAIL_TRANSPORT=brevo_api needs BREVO_API_KEY.");
        FluentActions.Invoking(() => Sender(new() { ["EMAIL_TRANSPORT"] = "pigeon" }))
            .Should().Throw<InvalidOperationException>().WithMessage("EMAIL_TRANSPORT=pigeon is unknown*");
    }

    [Test]
    public async Task A_booking_email_goes_through_the_api_with_its_sender_reply_to_bodies_and_ics_attachment()
    {
        var world = await WorldWithMobileAsync();
        var rdv = await BookAsync(world, NextWeek);

        await DispatchAllAsync(BrevoDispatcher());

        var calls = Stub.Requests.Where(r => r.Provider == "brevo-email").ToList();
        calls.Should().HaveCount(2, "the usager and the agent");
        calls.Should().OnlyContain(r => r.Path == "/v3/smtp/email" && r.Headers["api-key"] == "xkeysib-test");
        var usager = calls.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Single(b => b.GetProperty("to")[0].GetProperty("email").GetString() == "lea.durand@example.fr");
        usager.GetProperty("sender").GetProperty("email").GetString().Should().Be("ne-pas-repondre@rdv.example.fr");
        usager.GetProperty("sender").GetProperty("name").GetString().Should().Be("RDV Service Public");
        usager.GetProperty("replyTo").GetProperty("email").GetString().Should().Be($"rdv+{rdv.Uuid}@reply.rdv-service-public.fr");
        usager.GetProperty("subject").GetString().Should().StartWith("RDV confirmé le ");
        usager.GetProperty("textContent").GetString().Should().Contain("a été confirmé");
        usager.GetProperty("htmlContent").GetString().Should().Contain("<html lang=\"fr\">");
        Guid.TryParse(usager.GetProperty("headers").GetProperty("idempotencyKey").GetString(), out _).Should().BeTrue();
        var attachment = usager.GetProperty("attachment")[0];
        attachment.GetProperty("name").GetString().Should().Be("rdv.ics");
        var ics = Calendar.Load(Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("content").GetString()!)))!;
        ics.Events.Single().Uid.Should().Be(rdv.Uuid.ToString());
        (await QueryOneAsync<(string Result, string Address)>("select result, email_address from notifications.receipts where channel = 'mail' and rdv_id = @id", new { id = rdv.Id }))
            .Should().Be(("processed", "lea.durand@example.fr"));
    }

    [TestCase(SmsStubServer.Behaviour.ServerError, "Brevo e-mail 503 : {\"code\":\"internal_error\",\"message\":\"Service indisponible\"}")]
    [TestCase(SmsStubServer.Behaviour.TooManyRequests, "Brevo e-mail 429 : {\"code\":\"too_many_requests\",\"message\":\"Too many requests\"}")]
    [TestCase(SmsStubServer.Behaviour.Unauthorized, "Brevo e-mail 401 : {\"code\":\"unauthorized\",\"message\":\"Key not found\"}")]
    [TestCase(SmsStubServer.Behaviour.Hang, "TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 2 seconds elapsing.")]
    public async Task Transient_answers_are_retried_by_the_outbox_then_the_email_goes(SmsStubServer.Behaviour outage, string error)
    {
        var world = await WorldWithMobileAsync();
        var rdv = await BookAsync(world, NextWeek);
        Stub.Mode = outage;
        var dispatcher = BrevoDispatcher();

        await DispatchAllAsync(dispatcher);

        var rows = await QueryAsync<(string Status, int Attempts, string LastError, bool Later)>(
            "select status, attempts, last_error, next_attempt_at > now() as later from notifications.outbox where kind = 'email' and not reminder");
        // Attempts: 1 each, more when a hang lasts longer than the first retry delay (2 s).
        rows.Should().HaveCount(2).And.OnlyContain(r => r.Status == "pending" && r.Attempts >= 1 && r.LastError == error && r.Later);
        (await QueryOneAsync<long>("select count(*) from notifications.receipts where channel = 'mail'")).Should().Be(0, "a retry is coming");

        Stub.Mode = SmsStubServer.Behaviour.Ok;
        await ExecuteAsync("update notifications.outbox set next_attempt_at = now() where kind = 'email' and status = 'pending' and not reminder");
        await DispatchAllAsync(dispatcher);

        (await QueryAsync<string>("select status from notifications.outbox where kind = 'email' and not reminder")).Should().Equal("sent", "sent");
        (await QueryOneAsync<string>("select result from notifications.receipts where channel = 'mail' and rdv_id = @id", new { id = rdv.Id })).Should().Be("processed");
    }

    [Test]
    public async Task A_refused_message_fails_at_once_with_a_failure_receipt()
    {
        var world = await WorldWithMobileAsync();
        var rdv = await BookAsync(world, NextWeek);
        Stub.Mode = SmsStubServer.Behaviour.Refused;

        await DispatchAllAsync(BrevoDispatcher());

        (await QueryAsync<(string Status, int Attempts)>("select status, attempts from notifications.outbox where kind = 'email' and not reminder"))
            .Should().Equal(("failed", 1), ("failed", 1));
        Stub.Requests.Count(r => r.Provider == "brevo-email").Should().Be(2, "no retry");
        (await QueryOneAsync<(string Result, string Address, string Error)>(
                "select result, email_address, error_message from notifications.receipts where channel = 'mail' and rdv_id = @id", new { id = rdv.Id }))
            .Should().Be(("failure", "lea.durand@example.fr", "Brevo e-mail 400 : {\"code\":\"invalid_parameter\",\"message\":\"email is not valid in to\"}"));
    }
}
