namespace RdvSP.Application.Notifications;

/// <summary>
/// An SMS to one French mobile number (E.164), GSM 7-bit text. <see cref="IdempotencyKey"/> is the outbox row's key.
/// <see cref="Credential"/>: the territory's own credential for this provider (<c>territories.sms_configuration</c>:
/// "user:password" for Netsize and Clever, the API key for Brevo, the gateway's mailbox for SFR mail2SMS);
/// null: the provider's settings from the environment.
/// </summary>
public sealed record SmsMessage(string PhoneNumber, string Text, string Sender, string IdempotencyKey, string? Credential = null);

/// <summary>What the provider answered: the receipt's result (delivered, sent or processed) and the number of SMS billed.</summary>
public sealed record SmsOutcome(string Result, int Segments);

/// <summary>
/// One SMS provider (REFERENCE-DOMAIN §6.6). Throws <see cref="SmsPermanentException"/> when retrying
/// cannot help (invalid number, refused content); any other exception is transient and retried.
/// </summary>
public interface ISmsProvider
{
    /// <summary>The reference's name (<c>territories.sms_provider</c> values, plus "debug_logger").</summary>
    string Name { get; }

    Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

public sealed class SmsPermanentException(string message) : PermanentDeliveryException(message);
