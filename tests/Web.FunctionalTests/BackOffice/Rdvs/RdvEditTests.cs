using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>"Modifier le RDV": the saved fields, the same warnings as the wizard, bad input and foreign ids refused with nothing written.</summary>
[TestFixture]
public sealed class RdvEditTests : AgentRdvsFixture
{
    private string EditUrl(long rdvId) => $"/admin/organisations/{World.OrganisationA}/rdvs/{rdvId}/edit";

    private static List<KeyValuePair<string, string>> Fields(string startsAt, int duration, long[] agents, long? lieu, string context, long? lifecycleUser = null) =>
    [
        new("Input.StartsAt", startsAt), new("Input.DurationInMin", duration.ToString()), new("Input.LieuId", lieu?.ToString() ?? ""), new("Input.Context", context),
        .. agents.Select(a => new KeyValuePair<string, string>("Input.AgentIds", a.ToString())),
        .. lifecycleUser is { } u ? [new KeyValuePair<string, string>("Input.LifecycleUserIds", u.ToString())] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    [Test]
    public async Task The_form_saves_time_agents_context_and_flags()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Eve", "Edition");
        var rdv = await InsertRdvAsync(ParisTime(2027, 4, 6, 10), World.AdminA.Id, usager);
        (await client.GetTextAsync(EditUrl(rdv))).Should().Contain("value=\"2027-04-06T10:00\"");

        var saved = await client.PostFormAsync(EditUrl(rdv), Fields("2027-04-06T10:30", 45, [World.AdminA.Id, World.SecretaryA.Id], World.LieuA, "Nouveau contexte", usager));

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.ReadTextAsync());
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and starts_at = '{Utc(ParisTime(2027, 4, 6, 10, 30))}' and ends_at = starts_at + interval '45 minutes' and context = 'Nouveau contexte'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.agents_rdvs where rdv_id = {rdv} and starts_at = '{Utc(ParisTime(2027, 4, 6, 10, 30))}'")).Should().Be(2);
        (await ScalarAsync($"select count(*) from booking.participations where rdv_id = {rdv} and send_lifecycle_notifications and not send_reminder_notification")).Should().Be(1);
    }

    [Test]
    public async Task Moving_onto_another_agents_rdv_needs_the_confirmation()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Marc", "Deplace");
        var rdv = await InsertRdvAsync(ParisTime(2027, 4, 7, 16), World.PmiAgentA.Id, usager);

        var refused = await client.PostFormAsync(EditUrl(rdv), Fields("2027-03-11T15:00", 30, [World.PmiAgentA.Id], World.LieuA, ""));

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.ReadTextAsync()).Should().Contain("L'agent a déjà un RDV qui chevauche ce créneau");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and starts_at = '{Utc(ParisTime(2027, 4, 7, 16))}'")).Should().Be(1);
    }

    [TestCase("2027-04-08T10:00", 0, "La durée doit être comprise entre 1 et 720 minutes.")]
    [TestCase("2027-04-08T10:00", 10000, "La durée doit être comprise entre 1 et 720 minutes.")]
    [TestCase("08/04/2027 10h", 30, "au format AAAA-MM-JJTHH:MM")]
    [TestCase("2017-04-08T10:00", 30, "La date du RDV doit être comprise entre le 01/01/2018")]
    public async Task Bad_input_gets_a_french_message_and_writes_nothing(string startsAt, int duration, string message)
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Nina", $"Invalide{duration}");
        var rdv = await InsertRdvAsync(ParisTime(2027, 4, 8, 9), World.AdminA.Id, usager);

        var refused = await client.PostFormAsync(EditUrl(rdv), Fields(startsAt, duration, [World.AdminA.Id], World.LieuA, "modifié"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadTextAsync()).Should().Contain(message);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and context is null and starts_at = '{Utc(ParisTime(2027, 4, 8, 9))}'")).Should().Be(1);
    }

    [Test]
    public async Task Malformed_form_values_are_a_french_400()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Iris", "Illisible");
        var rdv = await InsertRdvAsync(ParisTime(2027, 4, 12, 9), World.AdminA.Id, usager);

        var refused = await client.PostFormAsync(EditUrl(rdv), [new("Input.StartsAt", "2027-04-12T10:00"), new("Input.DurationInMin", "trente"), new("Input.AgentIds", "x")]);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadTextAsync()).Should().Contain("Le formulaire contient");
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and starts_at = '{Utc(ParisTime(2027, 4, 12, 9))}'")).Should().Be(1);
    }

    [Test]
    public async Task An_agent_or_lieu_of_another_organisation_is_refused()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Hugo", "Etranger");
        var rdv = await InsertRdvAsync(ParisTime(2027, 4, 9, 9), World.AdminA.Id, usager);

        (await client.PostFormAsync(EditUrl(rdv), Fields("2027-04-09T10:00", 30, [World.AdminB.Id], World.LieuA, "x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostFormAsync(EditUrl(rdv), Fields("2027-04-09T10:00", 30, [World.AdminA.Id], World.LieuB, "x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostFormAsync(EditUrl(rdv), Fields("2027-04-09T10:00", 30, [], World.LieuA, "x"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ScalarAsync($"select count(*) from booking.rdvs where id = {rdv} and context is null")).Should().Be(1);
    }
}
