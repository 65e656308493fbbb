using FluentAssertions;
using Microsoft.Extensions.Configuration;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Notifications;
using RdvSP.Infrastructure.Notifications.Sms;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>SMS texts (REFERENCE-SURFACES §8.2): GSM 7-bit only, segment count, French mobiles only.</summary>
public sealed class SmsTextTests
{
    private static readonly AppUrls Urls = new(new Uri("https://rdv.example.fr"));

    private static RdvMessage Message(NotificationKind kind, Action<RdvDetails>? _ = null, string locationType = "public_office", bool collective = false, string? name = null) => new()
    {
        Kind = kind,
        Channel = NotificationChannel.Sms,
        To = "+33612345678",
        ParticipationIds = [1, 2],
        Author = AuthorKind.Agent,
        Rdv = new RdvDetails
        {
            Id = 7,
            StartsAt = new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero),
            EndsAt = new DateTimeOffset(2027, 3, 2, 8, 30, 0, TimeSpan.Zero),
            TimeZone = "Europe/Paris",
            OrganisationName = "MDS Valence",
            OrganisationPhone = "04 75 00 00 00",
            ServiceShortName = "PMI",
            LocationType = locationType,
            Collective = collective,
            Name = name,
            LieuName = "Maison des Solidarités Œuvre",
            LieuAddress = "1 place de la Liberté 26000 Valence",
            Participants = [new ParticipantDetails(1, 10, "Léa", "Durand", "t1"), new ParticipantDetails(2, 11, "Zoë", "Durand", "t2")],
        },
    };

    [Test]
    public void Created_text_with_footer_names_of_the_family_and_gsm_characters_only()
    {
        var text = RdvSms.Render(Message(NotificationKind.Created), Urls);

        text.Should().Be("RDV PMI 02/03 09h00.\nMaison des Solidarités OEuvre (1 place de la Liberté 26000 Valence) pour Léa Durand, Zoe Durand\n"
            + "Infos et annulation: https://rdv.example.fr/r/7/t1 / 04 75 00 00 00");
        RdvSms.Segments(text).Should().Be(2, "{0} characters: two concatenated parts", text.Length);
    }

    [TestCase(NotificationKind.Updated, "RDV modifié: PMI 02/03 09h00.\nRDV téléphonique pour")]
    [TestCase(NotificationKind.Reminder, "Rappel RDV PMI le 02/03 09h00.\nRDV téléphonique pour")]
    [TestCase(NotificationKind.Cancelled, "RDV PMI 02/03 09h00 a été annulé.\nAppelez le 04 75 00 00 00 ou allez sur https://rdv.example.fr/prendre_rdv pour reprendre RDV.")]
    public void Texts_per_event(NotificationKind kind, string start)
    {
        RdvSms.Render(Message(kind, locationType: "phone"), Urls).Should().StartWith(start);
    }

    [Test]
    public void Collective_name_is_truncated_to_50_characters()
    {
        var text = RdvSms.Render(Message(NotificationKind.Created, collective: true, name: new string('a', 60)), Urls);

        text.Should().StartWith($"RDV PMI : {new string('a', 50)}..., 02/03 09h00.");
    }

    [TestCase(160, 1)]
    [TestCase(161, 2)]
    [TestCase(306, 2)]
    [TestCase(307, 3)]
    public void Segments_of_concatenated_messages(int length, int segments) => RdvSms.Segments(new string('a', length)).Should().Be(segments);

    [Test]
    public void Extension_characters_count_twice() => RdvSms.Segments(new string('€', 80) + "a").Should().Be(2);

    [Test]
    public void Non_gsm_characters_are_replaced() => RdvSms.ToGsm("Ça coûte 5 € — « oui » œuf ï").Should().Be("Ça coute 5 € ? \" oui \" oeuf i");

    [TestCase("06 12 34 56 78", "+33612345678")]
    [TestCase("+33751234567", "+33751234567")]
    [TestCase("+262692123456", "+262692123456")]
    [TestCase("+262639401234", "+262639401234")]
    [TestCase("+590690123456", "+590690123456")]
    [TestCase("+596696123456", "+596696123456")]
    [TestCase("+594694123456", "+594694123456")]
    [TestCase("04 75 00 00 00", null)]
    [TestCase("+32470123456", null)]
    [TestCase("pas un numéro", null)]
    public void Only_french_mobiles_get_sms(string phone, string? expected) => FrenchMobiles.MobileOrNull(phone).Should().Be(expected);
}

/// <summary>Which provider sends (REFERENCE-DOMAIN §6.6): FORCE_SMS_PROVIDER > territory > DEFAULT_SMS_PROVIDER > log only.</summary>
public sealed class SmsProviderSelectionTests
{
    private sealed class Named(string name) : ISmsProvider
    {
        public string Name => name;

        public Task<SmsOutcome> SendAsync(SmsMessage message, CancellationToken cancellationToken) => Task.FromResult(new SmsOutcome("sent", 1));
    }

    private static SmsProviderSelector Selector(string? force, string? fallback) => new(
        [new Named("netsize"), new Named("clever_technologies"), new Named("send_in_blue"), new Named("debug_logger")],
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FORCE_SMS_PROVIDER"] = force,
            ["DEFAULT_SMS_PROVIDER"] = fallback,
        }).Build());

    [TestCase("send_in_blue", "netsize", "clever_technologies", ExpectedResult = "send_in_blue")]
    [TestCase(null, "netsize", "clever_technologies", ExpectedResult = "netsize")]
    [TestCase(null, null, "clever_technologies", ExpectedResult = "clever_technologies")]
    [TestCase(null, null, null, ExpectedResult = "debug_logger")]
    [TestCase("brevo", null, null, ExpectedResult = "send_in_blue")]
    public string Order(string? force, string? territory, string? fallback) => Selector(force, fallback).For(territory).Name;

    [Test]
    public async Task An_unimplemented_provider_fails_for_good()
    {
        var provider = Selector(null, null).For("orange_contact_everyone");

        await FluentActions.Invoking(() => provider.SendAsync(new SmsMessage("+33612345678", "x", "RdvSP", "k"), CancellationToken.None))
            .Should().ThrowAsync<SmsPermanentException>().WithMessage("Fournisseur SMS non pris en charge : orange_contact_everyone");
    }
}
