using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>
/// Issue 10 on the agent side: what an agent's booking, cancellation and manual reminder record in the
/// outbox, in the same transaction (the dispatcher and the message contents are covered by
/// Notifications/RdvNotificationJourneyTests and the integration tests).
/// </summary>
[TestFixture]
public sealed class AgentRdvNotificationsTests : AgentRdvsFixture
{
    [Test]
    public async Task An_agent_booking_tells_the_usager_only_when_his_flags_are_on()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var silent = await AddUsagerAsync("Sam", "Silencieux", "silencieux@example.fr");
        var told = await AddUsagerAsync("Pia", "Prevenu", "prevenu@example.fr");

        var off = await CreateAsync(client, WizardUrl(4, "2027-03-17T10:00", [World.PmiAgentA.Id], [silent]), []);
        off.Status.Should().Be(HttpStatusCode.Redirect, off.Body);
        (await ScalarAsync($"select count(*) from notifications.outbox where user_id = {silent}")).Should().Be(0, "both notify flags were off");

        var on = await CreateAsync(client, WizardUrl(4, "2027-03-17T14:00", [World.PmiAgentA.Id], [told]));
        on.Status.Should().Be(HttpStatusCode.Redirect, on.Body);
        (await ScalarAsync($"select count(*) from notifications.outbox where user_id = {told} and event = 'rdv_created' and kind = 'email' and not reminder")).Should().Be(1);
        (await ScalarAsync($"select count(*) from notifications.outbox where user_id = {told} and reminder and status = 'pending'")).Should().BeGreaterThan(0, "the reminder is planned at the booking");
    }

    [Test]
    public async Task Cancelling_by_status_tells_the_participant_and_drops_the_reminders()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Ana", "Annule", "annule@example.fr");
        var created = await CreateAsync(client, WizardUrl(4, "2027-03-18T10:00", [World.PmiAgentA.Id], [usager]));
        created.Status.Should().Be(HttpStatusCode.Redirect, created.Body);
        var rdvId = await ScalarAsync($"select r.id from booking.rdvs r join booking.participations p on p.rdv_id = r.id where p.user_id = {usager}");

        var page = $"/admin/organisations/{World.OrganisationA}/rdvs/{rdvId}";
        var revoked = await client.PostFormAsync(page, [new("status", "revoked")], postUrl: page + "?handler=Status");

        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from notifications.outbox where user_id = {usager} and event = 'rdv_cancelled'")).Should().BeGreaterThan(0);
        (await ScalarAsync($"select count(*) from notifications.outbox where rdv_id = {rdvId} and reminder and status = 'pending'")).Should().Be(0);
    }

    [Test]
    public async Task The_manual_reminder_is_recorded_for_a_future_rdv_and_refused_for_a_cancelled_one()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var page = $"/admin/organisations/{World.OrganisationA}/rdvs/{World.PmiRdvA}";
        (await client.GetTextAsync(page)).Should().Contain("Envoyer un rappel manuellement");

        var sent = await client.PostFormAsync(page, [], postUrl: page + "?handler=Reminder");

        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from notifications.outbox where rdv_id = {World.PmiRdvA} and user_id = {World.UsagerA} and event = 'rdv_upcoming_reminder'")).Should().BeGreaterThan(0);

        await ScalarAsync($"update booking.rdvs set status = 'excused', cancelled_at = now() where id = {World.PmiRdvA} returning id");
        var refused = await client.PostFormAsync(page, [], postUrl: page + "?handler=Reminder");
        (await refused.ReadTextAsync()).Should().Contain("Un rappel ne peut être envoyé que pour un RDV à venir et non annulé.");
        await ScalarAsync($"update booking.rdvs set status = 'unknown', cancelled_at = null where id = {World.PmiRdvA} returning id");
    }

    [Test]
    public async Task An_agent_of_another_service_cannot_send_the_reminder()
    {
        using var client = await Factory.SignedInAgentAsync(World.SocialAgentA.Email);
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync("/admin/organisations"));
        var before = await ScalarAsync("select count(*) from notifications.outbox");

        var refused = await client.PostAsync($"/admin/organisations/{World.OrganisationA}/rdvs/{World.PmiRdvA}?handler=Reminder",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync("select count(*) from notifications.outbox")).Should().Be(before);
    }
}
