namespace RdvSP.Application.Notifications;

/// <summary>
/// Sends one e-mail now (SMTP relay or Brevo's REST API in production, a folder in development).
/// Throws <see cref="PermanentDeliveryException"/> when retrying cannot help; any other exception is retried.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// An e-mail to one recipient. The plain-text body is always present (accessible, readable anywhere).
/// <see cref="IdempotencyKey"/>, set by the outbox, becomes the Message-ID so a retried send is recognisable as the same message.
/// </summary>
public sealed record EmailMessage(
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    string? IdempotencyKey = null,
    string? ReplyTo = null,
    CalendarAttachment? Calendar = null);

/// <summary>An iCalendar file attached to an e-mail (<paramref name="Method"/>: PUBLISH, REQUEST or CANCEL).</summary>
public sealed record CalendarAttachment(string Method, string Content);

/// <summary>The provider refused the message for good (invalid address, number or content): no retry, a failure receipt.</summary>
public class PermanentDeliveryException(string message) : Exception(message);
