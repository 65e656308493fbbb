using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>Sends e-mails through an SMTP relay with MailKit, one connection per message.</summary>
internal sealed partial class SmtpEmailSender(SmtpSettings settings, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await DeliverAsync(ToMime(message, settings.From), settings, cancellationToken);
        // The subject names the kind of e-mail; the address is personal data and stays out of the logs.
        LogSent(logger, message.Subject);
    }

    /// <summary>One SMTP session for one message (also the SFR mail2SMS provider's, through the alternate relay).</summary>
    internal static async Task DeliverAsync(MimeMessage mime, SmtpSettings settings, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, SecurityFor(settings), cancellationToken);
        if (settings.Username is not null)
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The MIME message of an e-mail, as sent by SMTP or written to the development folder.</summary>
    internal static MimeMessage ToMime(EmailMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        if (message.IdempotencyKey is { } key) mime.MessageId = $"{key}@rdv-service-public.fr";
        if (message.ReplyTo is { } replyTo) mime.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.Calendar is { } calendar)
        {
            // text/calendar with its METHOD: what calendar clients read to add, update or remove the event.
            var type = new ContentType("text", "calendar") { Charset = "utf-8" };
            type.Parameters.Add("method", calendar.Method);
            body.Attachments.Add("rdv.ics", System.Text.Encoding.UTF8.GetBytes(calendar.Content), type);
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// TLS is mandatory towards a remote relay (port 465: implicit TLS; otherwise STARTTLS) so that
    /// credentials and reset links never travel in clear; a loopback server (tests, local dev) may be plain.
    /// </summary>
    internal static SecureSocketOptions SecurityFor(SmtpSettings settings)
    {
        if (settings.Port == 465) return SecureSocketOptions.SslOnConnect;
        var loopback = settings.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(settings.Host, out var ip) && IPAddress.IsLoopback(ip));
        return loopback ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.StartTls;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail sent: {Subject}")]
    private static partial void LogSent(ILogger logger, string subject);
}
