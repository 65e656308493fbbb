using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.Booking;

namespace RdvSP.Web.FunctionalTests.Notifications;

/// <summary>
/// The short link of the RDV messages (/r/{rdvId}/{token}), followed from the e-mail the real SMTP server
/// received: the last-name check, the 10-minute session limited to that RDV, cancellation, throttling.
/// </summary>
[TestFixture]
public sealed partial class ParticipationLinkTests : JourneyFixture
{
    private FakeSmtpServer smtp = null!;

    protected override RdvspWebFactory Configure(RdvspWebFactory factory)
    {
        smtp = FakeSmtpServer.Start();
        return factory
            .WithSmtp(smtp)
            .WithSetting("FORCE_SMS_PROVIDER", "debug_logger");
    }

    [TearDown]
    public async Task StopSmtp() => await smtp.DisposeAsync();

    /// <summary>Books for Camille Durand (or her child Lou Martin) and returns the link of the confirmation e-mail.</summary>
    private async Task<(long RdvId, string Link)> BookAndReadLinkAsync(bool forRelative = false, DateTimeOffset? slot = null)
    {
        var usager = await World.AddUsagerAsync("camille@example.fr");
        var participant = forRelative ? await World.AddUsagerAsync("lou@example.fr", "Lou", "Martin", responsibleId: usager) : usager;
        using var client = await Factory.SignedInClientAsync("camille@example.fr");
        var booked = await client.PostFormAsync(WizardUrl(3, slot ?? ParisTime(2027, 3, 2, 9), participant), []);
        booked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var rdvId = long.Parse(booked.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var mail = await smtp.WaitForMessageToAsync("camille@example.fr", TimeSpan.FromSeconds(30));
        var link = LinkPattern().Match(mail.TextBody!).Groups[1].Value;
        link.Should().StartWith($"/r/{rdvId}/");
        mail.HtmlBody.Should().Contain($"href=\"http://localhost{link}\"");
        return (rdvId, link);
    }

    private HttpClient Anonymous() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    [Test]
    public async Task The_link_asks_the_letters_then_opens_that_rdv_for_10_minutes_and_lets_the_usager_cancel_it()
    {
        var (rdvId, link) = await BookAndReadLinkAsync();
        using var visitor = Anonymous();

        var ask = await visitor.GetTextAsync(link);
        ask.Should().Contain("saisissez les 3 premières lettres du nom de famille").And.NotContain("MDS Test Centre");

        var wrong = await visitor.PostFormAsync(link, [new("lettres", "dup")]);
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.ReadTextAsync()).Should().Contain("Les lettres saisies ne correspondent pas aux 3 premières lettres du nom de famille.");

        var right = await visitor.PostFormAsync(link, [new("lettres", " dü ")]);
        right.StatusCode.Should().Be(HttpStatusCode.BadRequest, "two letters are not the three first ones");
        right = await visitor.PostFormAsync(link, [new("lettres", "Dür")]);
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().Should().Be(link);
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rdvsp.lien=", StringComparison.Ordinal));
        cookie.Should().Contain($"path=/r/{rdvId}/").And.Contain("httponly").And.Contain("samesite=lax");

        var shown = await visitor.GetTextAsync(link);
        shown.Should().Contain("Votre RDV").And.Contain("mardi 2 mars 2027").And.Contain("MDS Test Centre").And.Contain("Camille Durand")
            .And.Contain("Annuler le RDV")
            .And.NotContain("Consultation prénatale", "the motif stays hidden in a link session");
        (await visitor.GetAsync("/users/rdvs")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the link opens that RDV only, not the usager space");
        (await visitor.GetAsync($"/users/rdvs/{rdvId}")).Headers.Location!.AbsolutePath.Should().Be("/users/sign_in");

        Factory.Clock!.Advance(TimeSpan.FromMinutes(11));
        (await visitor.GetTextAsync(link)).Should().Contain("saisissez les 3 premières lettres", "the 10 minutes are over");
        var expired = await visitor.GetAsync(link + "/annuler");
        expired.StatusCode.Should().Be(HttpStatusCode.Redirect);
        expired.Headers.Location!.ToString().Should().Be(link);
        (await visitor.GetTextAsync(link)).Should().Contain("Votre accès à ce RDV a expiré (il dure 10 minutes).");

        (await visitor.PostFormAsync(link, [new("lettres", "DURAND")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cancelled = await visitor.PostFormAsync(link + "/annuler", []);
        cancelled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        cancelled.Headers.Location!.ToString().Should().Be(link);
        (await visitor.GetTextAsync(link)).Should().Contain("Le RDV a bien été annulé.").And.Contain("Annulé").And.NotContain("Annuler le RDV");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdvId} and status = 'excused'")).Should().Be(1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!smtp.MessagesTo("camille@example.fr").Any(m => m.Subject?.StartsWith("RDV annulé le mardi 2 mars 2027", StringComparison.Ordinal) == true))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the cancellation e-mail goes as from the account");
            await Task.Delay(100);
        }
    }

    [Test]
    public async Task The_waiting_list_s_link_leads_through_the_letters_to_the_slots_and_moves_the_rdv()
    {
        var (rdvId, link) = await BookAndReadLinkAsync(slot: ParisTime(2027, 3, 4, 9));
        var slotsLink = link + "/creneaux"; // what the waiting list's e-mail and SMS carry (WaitingListJobTests)
        using var visitor = Anonymous();

        var first = await visitor.GetAsync(slotsLink);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().Should().Be(link + "?suite=creneaux", "the letters first");
        var letters = await visitor.PostFormAsync(link + "?suite=creneaux", [new("lettres", "dur")]);
        letters.Headers.Location!.ToString().Should().Be(slotsLink, "then straight on to the slots");
        var slots = await visitor.GetTextAsync(slotsLink);
        var newStart = ParisTime(2027, 3, 4, 10);
        var confirm = $"{link}/deplacer?starts_at={Uri.EscapeDataString(Iso(newStart))}";
        slots.Should().Contain("Déplacer le RDV").And.Contain($"href=\"{confirm}\"")
            .And.NotContain("Consultation prénatale", "the motif stays hidden in a link session");

        var confirmation = await visitor.GetTextAsync(confirm);
        confirmation.Should().Contain("Confirmer le nouveau créneau").And.Contain("jeudi 4 mars 2027 à 10h00").And.Contain($"href=\"{slotsLink}\"");
        var moved = await visitor.PostFormAsync(confirm, [new("starts_at", Iso(newStart))]);

        moved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        moved.Headers.Location!.ToString().Should().Be(link);
        (await visitor.GetTextAsync(link)).Should().Contain("Votre RDV a bien été modifié").And.Contain("jeudi 4 mars 2027 à 10h00")
            .And.Contain($"href=\"{slotsLink}\"", "the link's RDV page offers the move too");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdvId} and starts_at = '{Iso(newStart)}'")).Should().Be(1);

        using var stranger = Anonymous();
        (await stranger.GetAsync(confirm)).Headers.Location!.ToString().Should().Be(link + "?suite=creneaux", "no session, no move: the letters first");
        (await stranger.PostFormAsync(link + "?suite=https://ailleurs.example", [new("lettres", "dur")])).Headers.Location!.ToString()
            .Should().Be(link, "the next step is one the app knows, never a URL from the query");
    }

    [Test]
    public async Task A_relative_s_link_opens_with_the_relative_s_or_the_responsible_s_letters()
    {
        var (_, link) = await BookAndReadLinkAsync(forRelative: true);

        using var responsible = Anonymous();
        (await responsible.PostFormAsync(link, [new("lettres", "dur")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await responsible.GetTextAsync(link)).Should().Contain("Lou Martin");
        using var relative = Anonymous();
        (await relative.PostFormAsync(link, [new("lettres", "MAR")])).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Wrong_letters_are_throttled_per_link_and_unknown_links_answer_404()
    {
        var (rdvId, link) = await BookAndReadLinkAsync();
        using var visitor = Anonymous();

        for (var attempt = 1; attempt <= 5; attempt++)
            (await visitor.PostFormAsync(link, [new("lettres", "abc")])).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var blocked = await visitor.PostFormAsync(link, [new("lettres", "dur")]);
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "no check at all while the wait lasts, even with the right letters");
        (await blocked.ReadTextAsync()).Should().Contain("Trop de tentatives. Réessayez dans 1 minute.");
        using var otherBrowser = Anonymous();
        (await otherBrowser.PostFormAsync(link, [new("lettres", "dur")])).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the count belongs to the link");

        Factory.Clock!.Advance(TimeSpan.FromMinutes(2));
        (await visitor.PostFormAsync(link, [new("lettres", "dur")])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var token = link.Split('/').Last();
        foreach (var unknown in new[] { $"/r/{rdvId}/jeton-inconnu", $"/r/{rdvId + 1}/{token}", $"/r/{rdvId}/{new string('a', 65)}" })
        {
            var answer = await visitor.GetAsync(unknown);
            answer.StatusCode.Should().Be(HttpStatusCode.NotFound, unknown);
            (await answer.ReadTextAsync()).Should().Contain("Ce lien n'est pas valide.");
        }
        (await visitor.GetAsync($"/r/{rdvId + 1}/{token}/annuler")).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session for another RDV: back to its (invalid) link");
    }

    [GeneratedRegex(@"Voir mon RDV : http://localhost(/r/\d+/[^\s]+)")]
    private static partial Regex LinkPattern();
}
