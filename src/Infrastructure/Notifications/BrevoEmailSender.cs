using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using MimeKit;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications;

/// <summary>
/// Brevo's transactional e-mail REST API (EMAIL_TRANSPORT=brevo_api): POST /v3/smtp/email with the
/// <c>api-key</c> header; the ICS goes as a base64 attachment. 201: accepted. 400 and other refusals
/// of the message itself fail for good; 401/403 (key or IP not allowed: our configuration, not the
/// message), 408, 429, 5xx and timeouts are retried by the outbox's back-off (no retry here, so a slow
/// Brevo never makes the dispatcher send twice in one attempt). The outbox key becomes Brevo's
/// <c>idempotencyKey</c> (a UUID derived from it), so a retry after a lost answer is not delivered twice.
/// </summary>
internal sealed partial class BrevoEmailSender(HttpClient client, BrevoEmailSettings settings, SmtpSettings smtp, ILogger<BrevoEmailSender> logger)
    : IEmailSender
{
    public const string Path = "v3/smtp/email";

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(smtp.From);
        var request = new SendEmailRequest(
            Sender: new Contact(from.Address, string.IsNullOrWhiteSpace(from.Name) ? null : from.Name),
            To: [new Contact(message.To)],
            ReplyTo: message.ReplyTo is { } replyTo ? new Contact(replyTo) : null,
            Subject: message.Subject,
            HtmlContent: message.HtmlBody,
            TextContent: message.TextBody,
            Attachment: message.Calendar is { } calendar
                ? [new Attachment("rdv.ics", Convert.ToBase64String(Encoding.UTF8.GetBytes(calendar.Content)))]
                : null,
            Headers: message.IdempotencyKey is { } key ? new Dictionary<string, string> { ["idempotencyKey"] = IdempotencyUuid(key).ToString() } : null);
        using var http = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(request) };
        http.Headers.Add("api-key", settings.ApiKey);
        http.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(http, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            LogSent(logger, message.Subject);
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = $"Brevo e-mail {(int)response.StatusCode} : {(body.Length <= 200 ? body : body[..200])}";
        if (IsPermanent(response.StatusCode)) throw new PermanentDeliveryException(error);
        throw new HttpRequestException(error, null, response.StatusCode);
    }

    /// <summary>A 4xx about the message itself; not our key (401/403), not a timeout (408), not a rate limit (429).</summary>
    internal static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>Brevo wants a UUID: the same outbox key always gives the same one.</summary>
    internal static Guid IdempotencyUuid(string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-like (name-based), variant RFC 4122
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private sealed record Contact(
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);

    private sealed record Attachment(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("content")] string Content);

    private sealed record SendEmailRequest(
        [property: JsonPropertyName("sender")] Contact Sender,
        [property: JsonPropertyName("to")] IReadOnlyList<Contact> To,
        [property: JsonPropertyName("replyTo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Contact? ReplyTo,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("htmlContent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HtmlContent,
        [property: JsonPropertyName("textContent")] string TextContent,
        [property: JsonPropertyName("attachment"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Attachment>? Attachment,
        [property: JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Headers);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail sent through the Brevo API: {Subject}")]
    private static partial void LogSent(ILogger logger, string subject);
}

/// <summary>BREVO_API_URL (tests: a local stub), BREVO_API_KEY, BREVO_EMAIL_TIMEOUT_SECONDS (10 by default).</summary>
public sealed record BrevoEmailSettings(Uri BaseUrl, string ApiKey, TimeSpan Timeout);
