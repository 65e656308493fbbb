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
/// A provider RdvSP does not implement (SFR mail2SMS, Contact Experience, Orange) fails for good, as in the reference.
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
        request.Headers.Add("api-key", configuration["BREVO_API_KEY"] ?? configuration["DEFAULT_SMS_PROVIDER_KEY"] ?? "");
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
        request.Headers.Authorization = Basic(configuration["NETSIZE_API_USERNAME"], configuration["NETSIZE_API_PASSWORD"] ?? configuration["DEFAULT_SMS_PROVIDER_KEY"]);
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
        request.Headers.Authorization = NetsizeSmsProvider.Basic(configuration["CLEVER_API_USERNAME"], configuration["CLEVER_API_PASSWORD"] ?? configuration["DEFAULT_SMS_PROVIDER_KEY"]);
        using var response = await clients.CreateClient(ProviderName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new HttpRequestException($"Clever {(int)response.StatusCode} : {BrevoSmsProvider.Short(body)}", null, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var count = json.RootElement.TryGetProperty("nb_sms", out var c) && c.TryGetInt32(out var n) ? n : RdvSms.Segments(message.Text);
        return new SmsOutcome("sent", count);
    }
}
