using System.Text.Json;

namespace RdvSP.Domain.Common.Webhooks;

/// <summary>The delivery rules of REFERENCE-API §4.4: what counts as delivered and when to try again.</summary>
public static class WebhookRetry
{
    public const int MaxAttempts = 20;

    private static readonly string[] DromeFalseNegatives =
        ["Can't update appointment", "Appointment already deleted", "Appointment id doesn't exist", "Can't create appointment"];

    /// <summary>Wait after the <paramref name="failures"/>-th failure: n⁴ + 2 s, plus <paramref name="jitter"/> (0–1) × 15 %.</summary>
    public static TimeSpan Delay(int failures, double jitter) =>
        TimeSpan.FromSeconds((Math.Pow(failures, 4) + 2) * (1 + (0.15 * Math.Clamp(jitter, 0, 1))));

    /// <summary>Any 2xx; or a refusal whose JSON <c>message</c> is one of the Drôme's false negatives.</summary>
    public static bool IsSuccess(int statusCode, string body)
    {
        if (statusCode is >= 200 and < 300) return true;
        if (string.IsNullOrEmpty(body) || body[0] != '{') return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                && DromeFalseNegatives.Any(prefix => message.GetString()!.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
