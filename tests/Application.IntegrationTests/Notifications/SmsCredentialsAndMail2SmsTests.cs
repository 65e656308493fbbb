using System.Text;
using FluentAssertions;
using MimeKit;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>
/// The territory's provider and credential (sms_provider, sms_configuration), and SFR mail2SMS: the SMS
/// as an e-mail through the alternate SMTP relay (a real SMTP server on loopback) to the gateway mailbox.
/// </summary>
public sealed class SmsCredentialsAndMail2SmsTests : NotificationsTest
{
    private FakeSmtpServer alternateSmtp = null!;

    [SetUp]
    public void StartAlternateRelay()
    {
        alternateSmtp = FakeSmtpServer.Start();
        Configuration["FORCE_SMS_PROVIDER"] = null;
        Configuration["ALTERNATE_SMTP_HOST"] = alternateSmtp.Host;
        Configuration["ALTERNATE_SMTP_PORT"] = alternateSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Configuration["ALTERNATE_SMTP_FROM"] = "sms@departement.example.fr";
    }

    [TearDown]
    public async Task StopAlternateRelayAsync()
    {
        await alternateSmtp.DisposeAsync();
        Configuration["ALTERNATE_SMTP_HOST"] = null;
    }

    private static Task UseTerritoryProviderAsync(World world, string provider, string? configuration) =>
        ExecuteAsync("update organisations.territories set sms_provider = @provider, sms_configuration = @configuration where id = @id",
            new { provider, configuration, id = world.TerritoryId });

    [Test]
    public async Task A_territory_on_sfr_mail2sms_sends_the_sms_as_an_email_to_its_gateway_with_the_number_as_subject()
    {
        var world = await WorldWithMobileAsync();
        await UseTerritoryProviderAsync(world, "sfr_mail2sms", "passerelle@mail2sms.example.fr");
        var rdv = await BookAsync(world, NextWeek);

        await DispatchAllAsync();

        var mail = await alternateSmtp.WaitForMessageToAsync("passerelle@mail2sms.example.fr");
        alternateSmtp.Messages.Should().ContainSingle("only the SMS goes through the alternate relay");
        mail.From.Mailboxes.Single().Address.Should().Be("sms@departement.example.fr");
        mail.Subject.Should().Be("+33612345678");
        mail.Body.Should().BeOfType<TextPart>().Which.IsPlain.Should().BeTrue();
        var text = mail.TextBody!.ReplaceLineEndings("\n").TrimEnd();
        text.Should().StartWith("RDV PMI ").And.Contain("Infos et annulation: https://rdv.example.fr/").And.EndWith("\n-- RDV Service Public");
        var segments = RdvSP.Application.Notifications.RdvSms.Segments(text[..text.LastIndexOf("\n-- ", StringComparison.Ordinal)]);
        Stub.Requests.Should().BeEmpty("no HTTP provider is involved");
        Emails.Sent.Should().HaveCount(2, "the ordinary e-mails still go through the main transport");
        (await QueryOneAsync<(string Result, string Provider, string Phone, int Count)>(
                "select result, sms_provider, sms_phone_number, sms_count from notifications.receipts where channel = 'sms' and rdv_id = @id", new { id = rdv.Id }))
            .Should().Be(("processed", "sfr_mail2sms", "+33612345678", segments));
    }

    [Test]
    public async Task Sfr_mail2sms_without_a_gateway_mailbox_fails_for_good()
    {
        var world = await WorldWithMobileAsync();
        await UseTerritoryProviderAsync(world, "sfr_mail2sms", null);
        await BookAsync(world, NextWeek);

        await DispatchAllAsync();

        (await QueryOneAsync<(string Status, int Attempts)>("select status, attempts from notifications.outbox where kind = 'sms' and not reminder")).Should().Be(("failed", 1));
        (await QueryOneAsync<(string Result, string Error)>("select result, error_message from notifications.receipts where channel = 'sms'"))
            .Should().Be(("failure", "SFR mail2SMS : adresse de la passerelle absente ou invalide (sms_configuration du territoire)."));
        alternateSmtp.Messages.Should().BeEmpty();
    }

    [Test]
    public async Task The_territory_credential_authenticates_its_own_provider_and_is_never_handed_to_a_forced_one()
    {
        var world = await WorldWithMobileAsync();
        await UseTerritoryProviderAsync(world, "netsize", "dept26:secret-du-26");
        await BookAsync(world, NextWeek);
        await DispatchAllAsync();

        var netsize = Stub.Requests.Should().ContainSingle(r => r.Provider == "netsize").Subject;
        netsize.Headers["Authorization"].Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("dept26:secret-du-26")));

        Stub.Clear();
        Configuration["FORCE_SMS_PROVIDER"] = "clever_technologies";
        Configuration["CLEVER_API_USERNAME"] = "national";
        Configuration["CLEVER_API_PASSWORD"] = "cle-nationale";
        try
        {
            await BookAsync(world, NextWeek.AddHours(2));
            await DispatchAllAsync();
        }
        finally
        {
            Configuration["CLEVER_API_USERNAME"] = null;
            Configuration["CLEVER_API_PASSWORD"] = null;
        }
        var clever = Stub.Requests.Should().ContainSingle(r => r.Provider == "clever").Subject;
        clever.Headers["Authorization"].Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("national:cle-nationale")));
    }
}
