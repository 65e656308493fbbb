using System.Text.Json;
using FluentAssertions;
using RdvSP.TestKit;
using RdvSP.Web.Logging;

namespace RdvSP.Web.FunctionalTests.Foundation;

[TestFixture]
public sealed class LoggingTests
{
    [Test]
    public async Task Logs_AreOneJsonObjectPerLine_WithRequestId_AndNoPersonalData()
    {
        await using var factory = new RdvspWebFactory();
        var client = factory.CreateClient();
        const string email = "camille.durand@example.fr";
        const string phone = "06 12 34 56 78";
        const string name = "Durand";

        await client.GetAsync($"/?email={Uri.EscapeDataString(email)}&telephone={Uri.EscapeDataString(phone)}&nom={name}");
        await client.GetAsync($"/cette-page-nexiste-pas/{Uri.EscapeDataString(email)}");
        await client.GetAsync($"/api/v1/jours_feries?annee=abc&departement={Uri.EscapeDataString(phone)}");

        var lines = factory.Logs.Lines();
        lines.Should().NotBeEmpty();
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.Should().OnlyContain(e => HasProperty(e, "@t"), "every line is a compact JSON event");
        events.Where(e => HasProperty(e, "RequestPath"))
            .Should().NotBeEmpty()
            .And.OnlyContain(e => HasProperty(e, "RequestId"));
        var all = string.Join('\n', lines);
        all.Should().NotContain(email).And.NotContain("camille.durand").And.NotContain("06 12 34 56 78").And.NotContain(name);
    }

    private static bool HasProperty(JsonElement e, string name) => e.TryGetProperty(name, out var _);

    [Test]
    public async Task ApiBadRequest_IsLoggedOnceWithItsRealStatus_NotAsAnError()
    {
        await using var factory = new RdvspWebFactory();
        var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/jours_feries?annee=abc&departement=26");

        ((int)response.StatusCode).Should().Be(400);
        // The request line is written once the response is complete, which the client may see first.
        List<JsonElement> events = [], requestLines = [];
        for (var i = 0; i < 50 && requestLines.Count == 0; i++)
        {
            if (i > 0) await Task.Delay(100);
            events = factory.Logs.Lines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
            requestLines = events.Where(e => HasProperty(e, "StatusCode") && e.GetProperty("RequestPath").GetString() == "/api/v1/jours_feries").ToList();
        }
        requestLines.Should().ContainSingle().Which.GetProperty("StatusCode").GetInt32().Should().Be(400);
        events.Should().NotContain(e => HasProperty(e, "@l") && e.GetProperty("@l").GetString() == "Error", "a caller's mistake is not an incident");
    }

    [Test]
    public async Task AddressApiUnreachable_IsOneWarningWithItsCause_AndNoStackTrace()
    {
        // Nothing listens on port 1: connection refused, as when the BAN is unreachable.
        await using var factory = new RdvspWebFactory().WithSetting("BAN_API_URL", "http://127.0.0.1:1");
        var client = factory.CreateClient();

        var page = await client.GetAsync("/prendre_rdv?address=12+Rue+de+la+R%C3%A9publique+26000+Valence");

        ((int)page.StatusCode).Should().Be(200, "the search falls back to the list of départements");
        var events = factory.Logs.Lines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.Where(e => HasProperty(e, "@l") && e.GetProperty("@l").GetString() is "Warning" or "Error")
            .Should().ContainSingle().Which.GetProperty("@mt").GetString().Should().StartWith("Address API");
        events.Should().NotContain(e => HasProperty(e, "@x"));
    }

    [TestCase("écrire à jean.dupont@example.fr svp", "écrire à [masqué] svp")]
    [TestCase("appel au 06 12 34 56 78", "appel au [masqué]")]
    [TestCase("appel au +33612345678", "appel au [masqué]")]
    [TestCase("/rdvs/12345/annuler", "/rdvs/12345/annuler")]
    public void Masking_HidesEmailsAndPhones_KeepsIds(string input, string expected)
    {
        PersonalDataMaskingEnricher.MaskText(input).Should().Be(expected);
    }
}
