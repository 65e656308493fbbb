using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RdvSP.Domain.Common.Webhooks;

/// <summary>
/// Builds the reference's webhook body <c>{"data": …, "meta": {model, event, webhook_reason, timestamp}}</c>
/// around an already serialised resource, and decides whether an endpoint receives it (REFERENCE-DOMAIN §7).
/// </summary>
public static class WebhookPayload
{
    public static string Build(string dataJson, string model, WebhookEvent webhookEvent, string? webhookReason, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            using (var data = JsonDocument.Parse(dataJson))
            {
                data.RootElement.WriteTo(writer);
            }

            writer.WriteStartObject("meta");
            writer.WriteString("model", model);
            writer.WriteString("event", EventName(webhookEvent));
            if (webhookReason is null)
            {
                writer.WriteNull("webhook_reason");
            }
            else
            {
                writer.WriteString("webhook_reason", webhookReason);
            }

            writer.WriteString("timestamp", ParisTimestamp(timestamp));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// The reference's Ruby <c>Time#to_s</c> in Europe/Paris (REFERENCE-API §1.4, §4.3):
    /// "YYYY-MM-DD HH:MM:SS +HHMM", second resolution, no colon in the offset.
    /// </summary>
    public static string ParisTimestamp(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Paris);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm:ss} {sign}{offset.Hours:00}{offset.Minutes:00}");
    }

    public static WebhookEvent ParseEvent(string name) => name switch
    {
        "created" => WebhookEvent.Created,
        "updated" => WebhookEvent.Updated,
        "destroyed" => WebhookEvent.Destroyed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown webhook event"),
    };

    public static string EventName(WebhookEvent webhookEvent) => webhookEvent switch
    {
        WebhookEvent.Created => "created",
        WebhookEvent.Updated => "updated",
        WebhookEvent.Destroyed => "destroyed",
        _ => throw new ArgumentOutOfRangeException(nameof(webhookEvent)),
    };

    /// <summary>
    /// An endpoint receives an event when the caller did not suppress webhooks and the endpoint
    /// subscribes to the model's snake-case name (e.g. "rdv", "plage_ouverture").
    /// </summary>
    public static bool ShouldDeliver(IEnumerable<string> endpointSubscriptions, string modelSnakeCase, bool skipWebhooks)
    {
        ArgumentNullException.ThrowIfNull(endpointSubscriptions);
        if (skipWebhooks)
        {
            return false;
        }

        foreach (var subscription in endpointSubscriptions)
        {
            if (string.Equals(subscription, modelSnakeCase, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
