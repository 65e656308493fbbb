using System.Text.Json;
using RdvSP.Domain.Common.Webhooks;

namespace RdvSP.Domain.UnitTests.Common;

/// <summary>REFERENCE-DOMAIN §7 and §10 #21 (the pure part: payload, routing, signature).</summary>
public class WebhookTests
{
    [Test]
    public void Case21_sent_on_create_update_destroy_not_when_skipped_not_when_not_subscribed()
    {
        string[] subscriptions = ["rdv", "absence"];

        WebhookPayload.ShouldDeliver(subscriptions, "rdv", skipWebhooks: false).Should().BeTrue();
        WebhookPayload.ShouldDeliver(subscriptions, "rdv", skipWebhooks: true).Should().BeFalse();
        WebhookPayload.ShouldDeliver(subscriptions, "plage_ouverture", skipWebhooks: false).Should().BeFalse();
        Enum.GetValues<WebhookEvent>().Select(WebhookPayload.EventName).Should().Equal("created", "updated", "destroyed");
    }

    [Test]
    public void Payload_has_data_and_meta()
    {
        var body = WebhookPayload.Build("""{"id":1,"status":"unknown"}""", "Rdv", WebhookEvent.Updated, null, new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.FromHours(1)));

        body.Should().Be("""{"data":{"id":1,"status":"unknown"},"meta":{"model":"Rdv","event":"updated","webhook_reason":null,"timestamp":"2024-01-10T12:00:00.000+01:00"}}""");
        using var parsed = JsonDocument.Parse(WebhookPayload.Build("{}", "User", WebhookEvent.Destroyed, "rgpd", DateTimeOffset.UnixEpoch));
        parsed.RootElement.GetProperty("meta").GetProperty("webhook_reason").GetString().Should().Be("rgpd");
    }

    [Test]
    public void Signature_is_lowercase_hex_hmac_sha256_of_the_body()
    {
        // RFC 4231 test case 2.
        WebhookSignature.Sign("what do ya want for nothing?", "Jefe")
            .Should().Be("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        WebhookSignature.HeaderName.Should().Be("X-Lapin-Signature");

        var body = """{"data":{},"meta":{}}""";
        var signature = WebhookSignature.Sign(body, "secret");
        WebhookSignature.Verify(body, "secret", signature).Should().BeTrue();
        WebhookSignature.Verify(body + " ", "secret", signature).Should().BeFalse();
        WebhookSignature.Verify(body, "other", signature).Should().BeFalse();
    }
}
