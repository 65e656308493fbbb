namespace RdvSP.Application.Notifications;

/// <summary>Sends one e-mail now (SMTP in production, a local fake SMTP server in tests).</summary>
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
