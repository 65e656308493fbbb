using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using RdvSP.Application.Notifications;
using RdvSP.Infrastructure.Notifications;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>
/// A relay that accepts the connection and never answers (issue 10 acceptance 3, "the stub hangs") makes
/// the attempt fail after SMTP_TIMEOUT_SECONDS, so the one-at-a-time dispatcher moves on and retries later.
/// </summary>
public sealed class SmtpTimeoutTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_silent_relay_fails_the_attempt_instead_of_holding_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        var settings = SmtpSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_TIMEOUT_SECONDS"] = "1",
        }).Build());
        settings.Timeout.Should().Be(TimeSpan.FromSeconds(1));

        var send = () => SmtpEmailSender.DeliverAsync(
            SmtpEmailSender.ToMime(new EmailMessage("agent@example.fr", "Sujet", "Texte"), SmtpSettings.DefaultFrom), settings, CancellationToken.None);

        await send.Should().ThrowAsync<Exception>("the relay never sends its greeting");
        (await accepted).Connected.Should().BeTrue("the relay did accept the connection: it is the silence that failed the attempt");
    }

    [Test]
    public void The_timeout_defaults_to_10_seconds() =>
        SmtpSettings.FromConfiguration(new ConfigurationBuilder().Build()).Timeout.Should().Be(TimeSpan.FromSeconds(10));
}
