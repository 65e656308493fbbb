using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using MimeKit;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Booking;

/// <summary>
/// A usager who picked a slot keeps it through every detour: signing up (the confirmation e-mail
/// carries the way back), adding a relative, editing their information. Foreign return links are
/// ignored (no open redirect).
/// </summary>
[TestFixture]
public sealed partial class BookingDetoursTests : JourneyFixture
{
    private string mails = null!;

    protected override RdvspWebFactory Configure(RdvspWebFactory factory)
    {
        mails = Directory.CreateTempSubdirectory("rdvsp-detours-").FullName;
        return factory.WithSetting("MAIL_PICKUP_DIRECTORY", mails).WithSetting("OUTBOX_DISPATCH_IN_WEB", "true").WithSetting("APP_BASE_URL", "http://localhost");
    }

    [TearDown]
    public void RemoveMails() => Directory.Delete(mails, recursive: true);

    [Test]
    public async Task NewUsager_SignsUpFromTheWizard_ConfirmsFromTheMail_AndSignsInBackOnTheSameSlot()
    {
        var slot = ParisTime(2027, 3, 2, 9);
        var wizard = $"/users/rdv_wizard_step?step=1&motif_id={MotifId}&lieu_id={World.LieuId}&starts_at={Uri.EscapeDataString(Iso(slot))}";
        using var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var challenge = await browser.GetAsync(wizard);
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var signIn = await browser.GetTextAsync(challenge.Headers.Location!.PathAndQuery);
        var signUpLink = WebUtility.HtmlDecode(SignUpLink().Match(signIn).Groups[1].Value);
        signUpLink.Should().StartWith("/users/sign_up?returnUrl=");

        var email = $"nina.{Guid.NewGuid():N}@exemple.fr";
        (await browser.PostFormAsync(signUpLink,
            [new("Input.FirstName", "Nina"), new("Input.LastName", "Morel"), new("Input.Email", email), new("ReturnUrl", ReturnUrlOf(signUpLink))]))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var mail = await WaitForMailAsync();
        var confirmation = ConfirmationLink().Match(mail.TextBody!).Value["http://localhost".Length..];
        var token = Uri.UnescapeDataString(Regex.Match(confirmation, "token=([^&]+)").Groups[1].Value);
        var confirmed = await browser.PostFormAsync(confirmation,
            [new("Input.Token", token), new("Input.Password", "Cheval-Agrafe-42"), new("ReturnUrl", ReturnUrlOf(confirmation))]);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var backToSignIn = confirmed.Headers.Location!.OriginalString;
        backToSignIn.Should().StartWith("/users/sign_in?returnUrl=");

        var signedIn = await browser.PostFormAsync(backToSignIn,
            [new("Input.Email", email), new("Input.Password", "Cheval-Agrafe-42"), new("ReturnUrl", ReturnUrlOf(backToSignIn))]);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.Should().Be(wizard, "the usager is back on the wizard with the slot they picked");
        (await browser.GetAsync(wizard)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task AddingARelativeFromTheWizard_ComesBackToTheWizardStep()
    {
        var slot = ParisTime(2027, 3, 2, 9);
        await World.AddUsagerAsync("camille.durand@example.fr");
        using var client = await Factory.SignedInClientAsync("camille.durand@example.fr");
        var step2 = await client.GetTextAsync(WizardUrl(2, slot));
        var addRelative = WebUtility.HtmlDecode(AddRelativeLink().Match(step2).Groups[1].Value);
        addRelative.Should().StartWith("/users/relatives/new?returnUrl=");

        var saved = await client.PostFormAsync(addRelative,
            [new("Input.FirstName", "Tom"), new("Input.LastName", "Durand"), new("Input.BirthDate", "2019-09-02"), new("ReturnUrl", ReturnUrlOf(addRelative))]);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.Should().Be(ReturnUrlOf(addRelative));
        (await client.GetTextAsync(saved.Headers.Location.OriginalString)).Should().Contain("Tom");
    }

    [TestCase("https://pirate.example/users/rdvs")]
    [TestCase("//pirate.example/")]
    public async Task ForeignReturnLinks_AreIgnored(string foreign)
    {
        await World.AddUsagerAsync("camille.durand@example.fr");
        using var client = await Factory.SignedInClientAsync("camille.durand@example.fr");

        var saved = await client.PostFormAsync($"/users/relatives/new?returnUrl={Uri.EscapeDataString(foreign)}",
            [new("Input.FirstName", "Tom"), new("Input.LastName", "Durand"), new("Input.BirthDate", "2019-09-02"), new("ReturnUrl", foreign)]);

        saved.Headers.Location!.OriginalString.Should().Be("/users/relatives");
    }

    private static string ReturnUrlOf(string link) => Uri.UnescapeDataString(Regex.Match(link, "returnUrl=([^&]+)").Groups[1].Value);

    private async Task<MimeMessage> WaitForMailAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.GetFiles(mails, "*.eml").FirstOrDefault() is { } file) return await MimeMessage.LoadAsync(file);
            await Task.Delay(100);
        }
        throw new AssertionException("no confirmation e-mail was written");
    }

    [GeneratedRegex("href=\"(/users/sign_up[^\"]*)\"")]
    private static partial Regex SignUpLink();

    [GeneratedRegex("href=\"(/users/relatives/new[^\"]*)\"")]
    private static partial Regex AddRelativeLink();

    [GeneratedRegex(@"http://localhost/users/confirmation\?[^\s]+")]
    private static partial Regex ConfirmationLink();
}
