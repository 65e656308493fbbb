using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RdvSP.Application.Notifications;

namespace RdvSP.Infrastructure.Notifications.Sms;

/// <summary>
/// Provider of each send (REFERENCE-DOMAIN §6.6): FORCE_SMS_PROVIDER, else the territory's
/// <c>sms_provider</c>, else DEFAULT_SMS_PROVIDER, else the log-only provider. "send_in_blue" is Brevo.
/// A provider RdvSP does not implement (Contact Experience, Orange) fails for good, as in the reference.
/// </summary>
public sealed class SmsProviderSelector(IEnumerable<ISmsProvider> providers, IConfiguration configuration)
{
    private readonly Dictionary<string, ISmsProvider> byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public ISmsProvider For(string? territoryProvider)
    {
        var name = NonBlank(configuration["FORCE_SMS_PROVIDER"]) ?? NonBlank(territoryProvider) ?? NonBlank(configuration["DEFAULT_SMS_PROVIDER"]) ?? LogSmsProvider.ProviderName;
        if (name.Equals("brevo", StringComparison.OrdinalIgnoreCase)) name = BrevoSmsProvider.ProviderName;
        return byName.TryGetValue(name, out var provider) ? provider : new UnsupportedSmsProvider(name);
    }

    public static string Sender(IConfiguration configuration) => NonBlank(configuration["SMS_SENDER_NAME"]) ?? "RdvSP";

    /// <summary>
    /// The credential of a send: the territory's <c>sms_configuration</c> when the chosen provider is the
    /// territory's own (never handed to another provider forced by FORCE_SMS_PROVIDER), else
    /// DEFAULT_SMS_PROVIDER_KEY when the provider is DEFAULT_SMS_PROVIDER's, else null (the provider's own settings).
    /// </summary>
    public string? Credential(ISmsProvider provider, string? territoryProvider, string? territoryConfiguration)
    {
        if (NonBlank(territoryConfiguration) is { } own && Same(provider.Name, territoryProvider)) return own;
        return Same(provider.Name, NonBlank(configuration["DEFAULT_SMS_PROVIDER"])) ? NonBlank(configuration["DEFAULT_SMS_PROVIDER_KEY"]) : null;
    }

    private static bool Same(string name, string? other) =>
        other is not null && (name.Equals(other, StringComparison.OrdinalIgnoreCase)
                              || (name == BrevoSmsProvider.ProviderName && other.Equals("brevo", StringComparison.OrdinalIgnoreCase)));

    /// <summary>"user:password" → (user, password); a credential without ':' is a password alone.</summary>
    internal static (string? User, string? Password) UserAndPassword(string credential) =>
        credential.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (credential[..colon], credential[(colon + 1)..]) : (null, credential);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed class UnsupportedSmsProvider(string name) : ISmsProvider
    {
        public string Name => name;

        public Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
            throw new SmsPermanentException($"Fournisseur SMS non pris en charge : {name}");
    }
}

/// <summary>Development and tests without a provider: the SMS is logged (without the number), result "processed".</summary>
internal sealed partial class LogSmsProvider(ILogger<LogSmsProvider> logger) : ISmsProvider
{
    public const string ProviderName = "debug_logger";

    public string Name => ProviderName;

    public Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var segments = RdvSms.Segments(message.Text);
        LogSms(logger, segments, message.Text);
        return Task.FromResult(new SmsOutcome("processed", segments));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS (log only, {Segments} segment(s)): {Text}")]
    private static partial void LogSms(ILogger logger, int segments, string text);
}

/// <summary>
/// Brevo transactional SMS (POST /v3/transactionalSMS/sms, header api-key). 201: sent (smsCount);
/// 400: refused for good (number, content); anything else (401, 429, 5xx, timeout): retried.
/// </summary>
internal sealed class BrevoSmsProvider(IHttpClientFactory clients, IConfiguration configuration) : ISmsProvider
{
    public const string ProviderName = "send_in_blue";

    public string Name => ProviderName;

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/transactionalSMS/sms")
        {
            Content = JsonContent.Create(new
            {
                sender = message.Sender,
                recipient = message.PhoneNumber.TrimStart('+'),
                content = message.Text,
                type = "transactional",
                tag = message.IdempotencyKey,
            }),
        };
        request.Headers.Add("api-key", message.Credential ?? configuration["BREVO_API_KEY"] ?? "");
        using var response = await clients.CreateClient(ProviderName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            using var json = JsonDocument.Parse(body);
            var count = json.RootElement.TryGetProperty("smsCount", out var c) && c.TryGetInt32(out var n) ? n : RdvSms.Segments(message.Text);
            return new SmsOutcome("sent", count);
        }
        if (response.StatusCode == HttpStatusCode.BadRequest) throw new SmsPermanentException($"Brevo 400 : {Short(body)}");
        throw new HttpRequestException($"Brevo {(int)response.StatusCode} : {Short(body)}", null, response.StatusCode);
    }

    internal static string Short(string body) => body.Length <= 200 ? body : body[..200];
}

/// <summary>
/// Netsize (form POST, basic auth, up to 10 concatenated messages). responseCode 0: delivered;
/// 15, 103 and 117 (invalid number, barred, content refused) fail for good; other codes and HTTP errors are retried.
/// </summary>
internal sealed class NetsizeSmsProvider(IHttpClientFactory clients, IConfiguration configuration) : ISmsProvider
{
    public const string ProviderName = "netsize";
    private static readonly int[] PermanentCodes = [15, 103, 117];

    public string Name => ProviderName;

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "restapi/v1/sms/send")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["destinationAddress"] = message.PhoneNumber,
                ["messageText"] = message.Text,
                ["originatorTON"] = "1",
                ["originatorAddress"] = message.Sender,
                ["maxConcatenatedMessages"] = RdvSms.MaxSegments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
        };
        var (user, password) = message.Credential is { } credential ? SmsProviderSelector.UserAndPassword(credential) : (null, null);
        user ??= configuration["NETSIZE_API_USERNAME"];
        password ??= configuration["NETSIZE_API_PASSWORD"];
        request.Headers.Authorization = Basic(user, password);
        using var response = await clients.CreateClient(ProviderName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"Netsize {(int)response.StatusCode}", null, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var code = json.RootElement.GetProperty("responseCode").GetInt32();
        if (code == 0) return new SmsOutcome("delivered", RdvSms.Segments(message.Text));
        var error = $"Netsize code {code} : {(json.RootElement.TryGetProperty("responseMessage", out var m) ? m.GetString() : "")}";
        if (PermanentCodes.Contains(code)) throw new SmsPermanentException(error);
        throw new HttpRequestException(error);
    }

    internal static AuthenticationHeaderValue Basic(string? user, string? password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}

/// <summary>Clever Technologies (JSON POST, basic auth). 201: sent (nb_sms); anything else is retried (as the reference).</summary>
internal sealed class CleverSmsProvider(IHttpClientFactory clients, IConfiguration configuration) : ISmsProvider
{
    public const string ProviderName = "clever_technologies";

    public string Name => ProviderName;

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sms")
        {
            Content = JsonContent.Create(new { msisdn = message.PhoneNumber.TrimStart('+'), message = message.Text, sender = message.Sender }),
        };
        var (user, password) = message.Credential is { } credential ? SmsProviderSelector.UserAndPassword(credential) : (null, null);
        user ??= configuration["CLEVER_API_USERNAME"];
        password ??= configuration["CLEVER_API_PASSWORD"];
        request.Headers.Authorization = NetsizeSmsProvider.Basic(user, password);
        using var response = await clients.CreateClient(ProviderName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new HttpRequestException($"Clever {(int)response.StatusCode} : {BrevoSmsProvider.Short(body)}", null, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var count = json.RootElement.TryGetProperty("nb_sms", out var c) && c.TryGetInt32(out var n) ? n : RdvSms.Segments(message.Text);
        return new SmsOutcome("sent", count);
    }
}

/// <summary>
/// SFR mail2SMS (REFERENCE-DOMAIN §6.6, e.g. départements 62 and 92): the SMS is a plain-text e-mail sent
/// through the alternate SMTP relay (ALTERNATE_SMTP_HOST, _PORT, _USERNAME, _PASSWORD, _FROM) to the
/// territory's gateway mailbox (its <c>sms_configuration</c>, else DEFAULT_SMS_PROVIDER_KEY), with the
/// number as the subject. SFR gives no feedback: result "processed". SMTP errors are retried; a missing
/// relay or mailbox fails for good (no retry can fix the configuration of a message already planned).
/// </summary>
internal sealed partial class SfrMail2SmsProvider(IConfiguration configuration, ILogger<SfrMail2SmsProvider> logger) : ISmsProvider
{
    public const string ProviderName = "sfr_mail2sms";

    /// <summary>The signature line under the text (the reference's "-- RDV-Solidarités").</summary>
    internal const string Signature = "-- RDV Service Public";

    public string Name => ProviderName;

    public async Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration[SmtpSettings.Alternate + "SMTP_HOST"]))
            throw new SmsPermanentException("SFR mail2SMS : relais SMTP non configuré (ALTERNATE_SMTP_HOST).");
        if (message.Credential is not { } gateway || !MimeKit.MailboxAddress.TryParse(gateway, out var mailbox))
            throw new SmsPermanentException("SFR mail2SMS : adresse de la passerelle absente ou invalide (sms_configuration du territoire).");
        var relay = SmtpSettings.FromConfiguration(configuration, SmtpSettings.Alternate);
        var mime = new MimeKit.MimeMessage();
        mime.From.Add(MimeKit.MailboxAddress.Parse(relay.From));
        mime.To.Add(mailbox);
        mime.Subject = message.PhoneNumber;
        mime.MessageId = $"{message.IdempotencyKey}@rdv-service-public.fr";
        mime.Body = new MimeKit.TextPart("plain") { Text = $"{message.Text}\n{Signature}" };
        await SmtpEmailSender.DeliverAsync(mime, relay, cancellationToken);
        var segments = RdvSms.Segments(message.Text);
        LogSent(logger, segments);
        return new SmsOutcome("processed", segments);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS handed to SFR mail2SMS ({Segments} segment(s))")]
    private static partial void LogSent(ILogger logger, int segments);
}
