using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>The RDV page: status choices by temporal status under a fake clock, status POSTs, deletion by admins only.</summary>
[TestFixture]
public sealed class RdvPageTests : AgentRdvsFixture
{
    private string RdvUrl(long rdvId) => $"/admin/organisations/{World.OrganisationA}/rdvs/{rdvId}";

    private async Task<HttpResponseMessage> PostStatusAsync(HttpClient client, long rdvId, string status)
    {
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync(RdvUrl(rdvId)));
        return await client.PostAsync($"{RdvUrl(rdvId)}?handler=Status", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("status", status)]));
    }

    private static string[] OfferedStatuses(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "data-status=\"([a-z]+)\"").Select(m => m.Groups[1].Value).ToArray();

    [Test]
    public async Task The_page_shows_the_rdv_its_participants_and_its_actions()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var page = await client.GetTextAsync(RdvUrl(World.PmiRdvA));
        page.Should().Contain("Consultation PMI").And.Contain(BackOfficeWorld.PmiRdvMarker).And.Contain(World.UsagerALastName.ToUpperInvariant())
            .And.Contain("Rendez-vous à venir").And.Contain("voir dans l'agenda").And.Contain($"agent_agendas/{World.PmiAgentA.Id}?date=2027-03-11")
            .And.Contain("Modifier").And.Contain("Dupliquer").And.Contain($"creneaux_search?motif_id={World.PmiMotifA}&from_date=2027-03-10");
        page.Should().NotContain("RDV pris sur Internet");
    }

    [Test]
    public async Task A_future_rdv_offers_the_cancellations_only_and_refuses_seen()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 12, 10), World.PmiAgentA.Id, World.UsagerA);

        OfferedStatuses(await client.GetStringAsync(RdvUrl(rdv))).Should().Equal("excused", "revoked");
        var seen = await PostStatusAsync(client, rdv, "seen");

        seen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await seen.ReadTextAsync()).Should().Contain("Ce statut n'est pas proposé pour ce RDV à cette date.");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task Today_noshow_is_offered_once_started_and_seen_then_reset_work()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 9, 11), World.PmiAgentA.Id, World.UsagerA);

        OfferedStatuses(await client.GetStringAsync(RdvUrl(rdv))).Should().Equal("seen", "excused", "revoked");
        (await PostStatusAsync(client, rdv, "noshow")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        Factory.Clock!.SetUtcNow(ParisTime(2027, 3, 9, 11, 10));
        OfferedStatuses(await client.GetStringAsync(RdvUrl(rdv))).Should().Equal("seen", "noshow", "excused", "revoked");
        var seen = await PostStatusAsync(client, rdv, "seen");
        seen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and status = 'seen' and cancelled_at is null")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdv} and status = 'seen'")).Should().Be(1);

        var page = await client.GetTextAsync(RdvUrl(rdv));
        page.Should().Contain("Rendez-vous honoré").And.Contain("Réinitialiser");
        OfferedStatuses(page).Should().Equal("unknown");
        (await PostStatusAsync(client, rdv, "unknown")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdv} and status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task A_past_unknown_rdv_is_to_fill_in_and_revoking_cancels_the_participations()
    {
        using var client = await Factory.SignedInAgentAsync(World.SecretaryA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 5, 10), World.PmiAgentA.Id, World.UsagerA);

        var page = await client.GetTextAsync(RdvUrl(rdv));
        page.Should().Contain("À renseigner");
        OfferedStatuses(page).Should().Equal("seen", "noshow", "excused", "revoked");
        (await PostStatusAsync(client, rdv, "revoked")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and status = 'revoked' and cancelled_at is not null and users_count = 0")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdv} and status = 'revoked'")).Should().Be(1);
        (await client.GetTextAsync(RdvUrl(rdv))).Should().Contain("Annulé par le service");
    }

    [Test]
    public async Task The_list_counts_follow_a_status_change_at_once()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 4, 10), World.PmiAgentA.Id, World.UsagerA);
        var list = $"/admin/organisations/{World.OrganisationA}/rdvs?start=2027-03-04&end=2027-03-04";
        (await client.GetTextAsync(list)).Should().Contain("data-status=\"unknown_past\">À renseigner : 1<").And.Contain("data-status=\"seen\">Rendez-vous honoré : 0<");

        (await PostStatusAsync(client, rdv, "seen")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.GetTextAsync(list)).Should().Contain("data-status=\"unknown_past\">À renseigner : 0<").And.Contain("data-status=\"seen\">Rendez-vous honoré : 1<");
    }

    [Test]
    public async Task An_unknown_status_is_a_french_400()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 5, 14), World.PmiAgentA.Id, World.UsagerA);
        var response = await PostStatusAsync(client, rdv, "perdu");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("Ce statut n'existe pas.");
    }

    [Test]
    public async Task Agents_outside_the_rdv_are_refused_its_page_and_its_status()
    {
        using var social = await Factory.SignedInAgentAsync(World.SocialAgentA.Email);
        using var other = await Factory.SignedInAgentAsync(World.AdminB.Email);
        (await social.GetAsync(RdvUrl(World.PmiRdvA))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.GetAsync(RdvUrl(World.PmiRdvA))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var token = HtmlForms.AntiforgeryToken(await social.GetStringAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new"));
        var post = await social.PostAsync($"{RdvUrl(World.PmiRdvA)}?handler=Status", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("status", "revoked")]));
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {World.PmiRdvA} and status = 'unknown'")).Should().Be(1);
    }

    [Test]
    public async Task A_basic_agent_neither_sees_nor_may_use_supprimer()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 24, 10), World.PmiAgentA.Id, World.UsagerA);

        var page = await client.GetStringAsync(RdvUrl(rdv));
        page.Should().NotContain("rdv-delete");
        var delete = await client.PostAsync($"{RdvUrl(rdv)}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        delete.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv}")).Should().Be(1);
    }

    [Test]
    public async Task An_admin_deletes_an_rdv()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var rdv = await InsertRdvAsync(ParisTime(2027, 3, 25, 10), World.PmiAgentA.Id, World.UsagerA);

        var page = await client.GetStringAsync(RdvUrl(rdv));
        page.Should().Contain("rdv-delete");
        var delete = await client.PostAsync($"{RdvUrl(rdv)}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        delete.StatusCode.Should().Be(HttpStatusCode.Redirect);
        delete.Headers.Location!.OriginalString.Should().Be($"/admin/organisations/{World.OrganisationA}/rdvs");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv}")).Should().Be(0);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdv}")).Should().Be(0);
    }
}
