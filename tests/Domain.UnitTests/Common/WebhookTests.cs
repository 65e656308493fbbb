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

        body.Should().Be("""{"data":{"id":1,"status":"unknown"},"meta":{"model":"Rdv","event":"updated","webhook_reason":null,"timestamp":"2024-01-10 12:00:00 +0100"}}""");
        using var parsed = JsonDocument.Parse(WebhookPayload.Build("{}", "User", WebhookEvent.Destroyed, "rgpd", DateTimeOffset.UnixEpoch));
        parsed.RootElement.GetProperty("meta").GetProperty("webhook_reason").GetString().Should().Be("rgpd");
    }

    [Test]
    public void Timestamp_is_the_reference_format_in_paris_time_to_the_second()
    {
        // Summer and winter offsets, converted from UTC; fractions of a second dropped.
        WebhookPayload.ParisTimestamp(new DateTimeOffset(2024, 10, 24, 14, 37, 18, 900, TimeSpan.Zero)).Should().Be("2024-10-24 16:37:18 +0200");
        WebhookPayload.ParisTimestamp(new DateTimeOffset(2024, 11, 5, 9, 0, 0, TimeSpan.Zero)).Should().Be("2024-11-05 10:00:00 +0100");
        WebhookPayload.ParisTimestamp(new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero)).Should().Be("2025-01-01 00:30:00 +0100");
    }

    [Test]
    public void Subscriptions_allow_the_eleven_models_and_default_to_rdv_absence_plage()
    {
        WebhookSubscriptions.Default.Should().Equal("rdv", "absence", "plage_ouverture");
        WebhookSubscriptions.All.Should().HaveCount(11);
        WebhookSubscriptions.ModelName("plage_ouverture").Should().Be("PlageOuverture");
        WebhookSubscriptions.ModelName("referent_assignation").Should().Be("ReferentAssignation");
        WebhookSubscriptions.AreValid(["rdv", "user"]).Should().BeTrue();
        WebhookSubscriptions.AreValid(["rdv", "webhook_endpoint"]).Should().BeFalse();
    }

    [Test]
    public void Secret_is_masked_but_its_last_three_characters_and_kept_when_the_mask_comes_back()
    {
        WebhookSecret.Mask("abcdefgh").Should().Be("*****fgh");
        WebhookSecret.Mask("ab").Should().Be("ab");
        WebhookSecret.Resolve("*****fgh", "abcdefgh").Should().Be("abcdefgh");
        WebhookSecret.Resolve("nouveau-secret", "abcdefgh").Should().Be("nouveau-secret");
        WebhookSecret.Resolve("nouveau", null).Should().Be("nouveau");
    }

    [Test]
    public void Retries_wait_n4_plus_2_seconds_with_up_to_15_percent_jitter_for_20_attempts()
    {
        WebhookRetry.MaxAttempts.Should().Be(20);
        WebhookRetry.Delay(1, jitter: 0).Should().Be(TimeSpan.FromSeconds(3));
        WebhookRetry.Delay(2, jitter: 0).Should().Be(TimeSpan.FromSeconds(18));
        WebhookRetry.Delay(3, jitter: 1).Should().Be(TimeSpan.FromSeconds(83 * 1.15));
        WebhookRetry.Delay(19, jitter: 0).Should().Be(TimeSpan.FromSeconds(Math.Pow(19, 4) + 2));
    }

    [Test]
    public void Drome_false_negatives_count_as_delivered()
    {
        WebhookRetry.IsSuccess(204, "").Should().BeTrue();
        WebhookRetry.IsSuccess(200, "<html>WAF</html>").Should().BeTrue();
        WebhookRetry.IsSuccess(500, "").Should().BeFalse();
        WebhookRetry.IsSuccess(422, """{"message":"Appointment already deleted (id 12)"}""").Should().BeTrue();
        WebhookRetry.IsSuccess(400, """{"message":"Can't create appointment: slot taken"}""").Should().BeTrue();
        WebhookRetry.IsSuccess(400, """{"message":"Something else"}""").Should().BeFalse();
        WebhookRetry.IsSuccess(502, "not json").Should().BeFalse();
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
