using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>The agent's RDV wizard and its create command on the real database: warnings, confirmation, blocking duplicate, refusals.</summary>
[TestFixture]
public sealed class RdvWizardTests : AgentRdvsFixture
{
    [Test]
    public async Task The_steps_show_the_agents_motifs_then_the_usagers_then_the_time()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var step1 = await client.GetTextAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=1");
        step1.Should().Contain("1. Motif").And.Contain("Consultation PMI").And.NotContain("Entretien social", "a basic PMI agent only uses PMI motifs");

        var step3 = await client.GetTextAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=3&motif_id={World.PmiMotifA}&user_ids[]={World.UsagerA}&starts_at=2027-03-12T10:00&agent_ids[]={World.PmiAgentA.Id}");
        step3.Should().Contain("3. Agent(s), horaires & lieu").And.Contain("value=\"2027-03-12T10:00\"").And.Contain(World.UsagerALastName.ToUpperInvariant());

        var noUser = await client.GetTextAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=4&motif_id={World.PmiMotifA}&starts_at=2027-03-12T10:00");
        noUser.Should().Contain("Rechercher un usager").And.Contain("Créer un usager").And.Contain("ReturnLocation");
    }

    [Test]
    public async Task A_free_time_is_booked_with_the_flags_and_the_agent_lands_on_the_agenda_of_that_day()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var url = WizardUrl(4, "2027-03-12T10:00", [World.PmiAgentA.Id], [World.UsagerA]);

        var created = await CreateAsync(client, url, [new("Input.LifecycleUserIds", World.UsagerA.ToString())]);

        created.Status.Should().Be(HttpStatusCode.Redirect, created.Body);
        created.Location.Should().Be($"/admin/organisations/{World.OrganisationA}/agent_agendas/{World.PmiAgentA.Id}?date=2027-03-12");
        var start = Utc(ParisTime(2027, 3, 12, 10));
        (await ScalarAsync($"select count(*) from booking.rdvs where starts_at = '{start}' and created_by_type = 'Agent' and created_by_id = {World.PmiAgentA.Id} and ends_at = starts_at + interval '30 minutes'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from booking.participations p join booking.rdvs r on r.id = p.rdv_id where r.starts_at = '{start}' and p.user_id = {World.UsagerA} and p.send_lifecycle_notifications and not p.send_reminder_notification")).Should().Be(1);
    }

    [Test]
    public async Task Overlapping_another_agents_rdv_needs_an_explicit_confirmation()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Jeanne", "Chevauche");
        // PmiAgentA already has the world's RDV on Thursday 11 March, 15:00–15:30 (Paris).
        var url = WizardUrl(4, "2027-03-11T15:15", [World.PmiAgentA.Id], [usager]);

        var refused = await CreateAsync(client, url);

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Body.Should().Contain("L'agent a déjà un RDV qui chevauche ce créneau").And.Contain("Je confirme");
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(0, "nothing is written before the confirmation");

        var confirmed = await ConfirmAsync(client, url, refused.Body);

        confirmed.Status.Should().Be(HttpStatusCode.Redirect, confirmed.Body);
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(1);
    }

    [Test]
    public async Task A_start_in_the_past_is_a_warning_to_confirm()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var usager = await AddUsagerAsync("Paul", "Passe");
        var url = WizardUrl(4, "2027-03-08T10:00", [World.PmiAgentA.Id], [usager]);

        var refused = await CreateAsync(client, url);
        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Body.Should().Contain("La date du RDV est dans le passé.");

        (await ConfirmAsync(client, url, refused.Body)).Status.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(1);
    }

    [Test]
    public async Task An_exact_duplicate_is_refused_even_when_the_warnings_are_confirmed()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var usager = await AddUsagerAsync("Denis", "Double");
        var url = WizardUrl(4, "2027-03-15T10:00", [World.PmiAgentA.Id], [usager]);
        (await CreateAsync(client, url)).Status.Should().Be(HttpStatusCode.Redirect);

        var again = await CreateAsync(client, url);

        again.Status.Should().Be(HttpStatusCode.Conflict);
        again.Body.Should().Contain("Un RDV identique existe déjà");
        again.Body.Should().NotContain("Je confirme");
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(1);
    }

    [Test]
    public async Task The_same_usager_twice_the_same_day_for_the_same_motif_is_a_suspected_duplicate()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Sophie", "Soupcon");
        (await CreateAsync(client, WizardUrl(4, "2027-03-16T09:00", [World.PmiAgentA.Id], [usager]))).Status.Should().Be(HttpStatusCode.Redirect);

        var second = await CreateAsync(client, WizardUrl(4, "2027-03-16T16:00", [World.AdminA.Id], [usager]));

        second.Status.Should().Be(HttpStatusCode.Conflict);
        second.Body.Should().Contain("Un RDV pour le même motif existe déjà ce jour-là pour ce participant.");
    }

    [Test]
    public async Task A_single_use_lieu_is_created_with_the_rdv()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var usager = await AddUsagerAsync("Luc", "Ponctuel");
        var url = $"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=4&motif_id={World.PmiMotifA}&starts_at=2027-03-17T14:00"
                  + $"&agent_ids[]={World.PmiAgentA.Id}&user_ids[]={usager}&lieu_name=Salle%20des%20f%C3%AAtes&lieu_address=3%20rue%20Haute%2026000%20Valence";

        var created = await CreateAsync(client, url);
        if (created.Status == HttpStatusCode.Conflict) created = await ConfirmAsync(client, url, created.Body);

        created.Status.Should().Be(HttpStatusCode.Redirect, created.Body);
        (await ScalarAsync($"""
            select count(*) from booking.rdvs r join organisations.lieux l on l.id = r.lieu_id join booking.participations p on p.rdv_id = r.id
             where p.user_id = {usager} and l.availability = 'single_use' and l.name = 'Salle des fêtes' and l.organisation_id = {World.OrganisationA}
            """)).Should().Be(1);
    }

    [Test]
    public async Task A_phone_motif_needs_a_phone_number_among_the_usagers()
    {
        long phoneMotif;
        await using (var scope = Factory.Services.CreateAsyncScope())
            phoneMotif = await scope.ServiceProvider.GetRequiredService<IOrganisationRepository>().AddMotifAsync(
                new NewMotif(World.OrganisationA, World.PmiServiceId, "Appel PMI", "#123456", 20, LocationTypes.Phone), default);
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var silent = await AddUsagerAsync("Sans", "Telephone", email: "sans.tel@example.fr");
        var reachable = await AddUsagerAsync("Avec", "Telephone", phone: "06 11 22 33 44", phoneFormatted: "+33611223344");

        var refused = await CreateAsync(client, WizardUrl(4, "2027-03-18T14:00", [World.PmiAgentA.Id], [silent], motifId: phoneMotif));
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Body.Should().Contain("au moins un usager doit avoir un numéro de téléphone");
        (await ScalarAsync($"select count(*) from booking.rdvs where motif_id = {phoneMotif}")).Should().Be(0);

        (await CreateAsync(client, WizardUrl(4, "2027-03-18T14:00", [World.PmiAgentA.Id], [silent, reachable], motifId: phoneMotif))).Status.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from booking.rdvs where motif_id = {phoneMotif} and lieu_id is null")).Should().Be(1);
    }

    [Test]
    public async Task Every_save_makes_the_usager_and_his_family_members_of_the_organisation()
    {
        using var client = await Factory.SignedInAgentAsync(World.AdminA.Email);
        var usager = await AddUsagerAsync("Fanny", "Famille");
        var before = await ScalarAsync($"select count(*) from usagers.user_profiles where user_id = {usager} and organisation_id = {World.OrganisationA}");

        var created = await CreateAsync(client, WizardUrl(4, "2027-03-19T11:00", [World.AdminA.Id], [usager]));

        created.Status.Should().Be(HttpStatusCode.Redirect, created.Body);
        before.Should().Be(1);
        (await ScalarAsync($"select count(*) from usagers.user_profiles where user_id = {usager} and organisation_id = {World.OrganisationA}")).Should().Be(1);
    }

    [TestCase("motif")]
    [TestCase("lieu")]
    [TestCase("agent")]
    [TestCase("usager")]
    [TestCase("motif_of_another_service")]
    public async Task Ids_of_another_organisation_or_service_are_refused(string which)
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var usager = await AddUsagerAsync("Olga", $"Autre{which}");
        var url = which switch
        {
            "motif" => WizardUrl(4, "2027-03-22T10:00", [World.PmiAgentA.Id], [usager], motifId: World.MotifB),
            "lieu" => WizardUrl(4, "2027-03-22T10:00", [World.PmiAgentA.Id], [usager], lieuId: World.LieuB),
            "agent" => WizardUrl(4, "2027-03-22T10:00", [World.AdminB.Id], [usager]),
            "usager" => WizardUrl(4, "2027-03-22T10:00", [World.PmiAgentA.Id], [World.UsagerB]),
            _ => WizardUrl(4, "2027-03-22T10:00", [World.PmiAgentA.Id], [usager], motifId: World.SocialMotifA),
        };
        var rdvsBefore = await ScalarAsync("select count(*) from booking.rdvs");

        (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=1"));
        var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync("select count(*) from booking.rdvs")).Should().Be(rdvsBefore);
    }

    [TestCase("&duration_in_min=0", "La durée doit être comprise entre 1 et 720 minutes.")]
    [TestCase("&duration_in_min=10000", "La durée doit être comprise entre 1 et 720 minutes.")]
    [TestCase("&starts_at=2027-13-45T10:00", "au format AAAA-MM-JJTHH:MM")]
    [TestCase("&starts_at=demain", "au format AAAA-MM-JJTHH:MM")]
    [TestCase("&starts_at=2037-03-12T10:00", "La date du RDV doit être comprise entre le 01/01/2018")]
    [TestCase("&step=9", "L'étape demandée n'existe pas.")]
    public async Task Bad_input_gets_a_french_message_and_writes_nothing(string change, string message)
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        var usager = await AddUsagerAsync("Berthe", "Mauvaise");
        // The last value of a repeated query parameter wins for single values.
        var url = WizardUrl(4, "2027-03-23T10:00", [World.PmiAgentA.Id], [usager]).Replace("&starts_at=2027-03-23T10%3A00", change.StartsWith("&starts_at", StringComparison.Ordinal) ? change : "&starts_at=2027-03-23T10%3A00" + change, StringComparison.Ordinal);
        if (change.StartsWith("&step", StringComparison.Ordinal)) url = url.Replace("step=4", "step=9", StringComparison.Ordinal);

        var get = await client.GetAsync(url);
        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=1"));
        var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.LifecycleUserIds", usager.ToString())]));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await post.ReadTextAsync()).Should().Contain(message);
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(0);
    }

    [Test]
    public async Task Malformed_ids_in_the_link_are_a_400()
    {
        using var client = await Factory.SignedInAgentAsync(World.PmiAgentA.Email);
        (await client.GetAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=2&motif_id=abc")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=2&motif_id={World.PmiMotifA}&user_ids[]=-4")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/admin/organisations/{World.OrganisationA}/rdv_wizard_step/new?step=2&motif_id=99999999")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var usager = await AddUsagerAsync("Ines", "Illisible");
        var post = await CreateAsync(client, WizardUrl(4, "2027-03-29T10:00", [World.PmiAgentA.Id], [usager]), [new("Input.LifecycleUserIds", "abc")]);
        post.Status.Should().Be(HttpStatusCode.BadRequest);
        post.Body.Should().Contain("Le formulaire contient");
        (await ScalarAsync($"select count(*) from booking.participations where user_id = {usager}")).Should().Be(0);
    }
}
