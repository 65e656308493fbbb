using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RdvSP.Application.Usagers.Abstractions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Usagers;

/// <summary>
/// The usagers of the agent space through the real pages (REFERENCE-SURFACES §2.3.8): search, page,
/// forms and their bad input, the duplicate rules, the wizard's ReturnLocation contract, link and
/// merge, and the profile rule (usagers of another organisation are refused).
/// </summary>
[TestFixture]
public sealed class UsagersPagesTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
        await ScalarAsync($"update organisations.territories set enable_notes_field = true where id = {world.TerritoryId} returning 1");
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private string Users => $"/admin/organisations/{world.OrganisationA}/users";

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<long> CountUsersAsync(string lastName) =>
        ScalarAsync($"select count(*) from usagers.users where last_name = '{lastName}'");

    private async Task<long> UsagerAsync(long organisationId, string firstName, string lastName, string? email = null, string? phone = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var usagers = scope.ServiceProvider.GetRequiredService<IUsagerRepository>();
        var id = await usagers.AddAsync(new NewUsager(firstName, lastName, CreatedThrough.AgentCreation, email, phone,
            RdvSP.Application.Usagers.Common.FrenchPhone.ToE164(phone)), default);
        await usagers.AddFamilyToOrganisationAsync(id, organisationId, default);
        return id;
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Test]
    public async Task The_index_is_empty_until_a_search_and_never_lists_usagers_of_another_organisation()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);

        var empty = await client.GetTextAsync(Users);
        empty.Should().Contain("Saisissez un nom").And.Contain("Créer un usager").And.Contain("Fusionner deux usagers");
        empty.Should().NotContain(world.UsagerALastName);

        var found = await client.GetTextAsync($"{Users}?search={world.UsagerALastName[..7].ToLowerInvariant()}");
        found.Should().Contain(world.UsagerALastName.ToUpperInvariant()).And.Contain("06 12 34 56 78").And.Contain(world.UsagerAEmail);

        var other = await client.GetTextAsync($"{Users}?search=bernard");
        other.Should().NotContain($"usager.b.", "B's usager is not visible to A: at most his masked name to add him");
        other.Should().Contain($"/users/{world.UsagerB}/link_to_organisation").And.NotContain($"/users/{world.UsagerB}\"");
    }

    [Test]
    public async Task The_json_search_answers_the_pickers_contract_within_the_organisation()
    {
        using var client = await factory.SignedInAgentAsync(world.SecretaryA.Email);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"{Users}/search?term={Uri.EscapeDataString("+33 6 12 34")}"));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("id").GetInt64()).Should().Contain(world.UsagerA);
        results.Single(r => r.GetProperty("id").GetInt64() == world.UsagerA).GetProperty("text").GetString()
            .Should().Be($"{world.UsagerALastName.ToUpperInvariant()} Marie - 06 12 34 56 78 - {world.UsagerAEmail}");

        var excluded = await client.GetStringAsync($"{Users}/search?term={world.UsagerALastName}&exclude_ids[]={world.UsagerA}");
        excluded.Should().Be("{\"results\":[]}");
        (await client.GetStringAsync($"{Users}/search?term=Bernard")).Should().NotContain($"\"id\":{world.UsagerB}");
        (await client.GetStringAsync($"{Users}/search")).Should().Be("{\"results\":[]}");

        (await client.GetAsync($"{Users}/search?term={new string('a', 101)}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync($"{Users}/search?term=a&exclude_ids[]=-4")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_usager_page_shows_information_counters_and_only_the_rdvs_the_agent_may_see()
    {
        using var pmi = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var page = await pmi.GetTextAsync($"{Users}/{world.UsagerA}");
        page.Should().Contain("Informations générales").And.Contain(world.UsagerAEmail).And.Contain("Remarques", "the territory enables notes");
        page.Should().Contain($"/admin/organisations/{world.OrganisationA}/rdvs?user_id={world.UsagerA}&status=unknown_future\">À venir : 1");
        page.Should().Contain($"/admin/organisations/{world.OrganisationA}/creneaux_search?user_ids[]={world.UsagerA}");
        page.Should().Contain($"/rdvs/{world.PmiRdvA}").And.NotContain(BackOfficeWorld.PmiRdvMarker);

        using var social = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var seenBySocial = await social.GetTextAsync($"{Users}/{world.UsagerA}");
        seenBySocial.Should().Contain("À venir : 0").And.NotContain($"/rdvs/{world.PmiRdvA}", "a PMI RDV is outside the Social agent's scope");
    }

    [Test]
    public async Task Ids_of_another_organisations_usager_are_refused_everywhere_and_nothing_is_written()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var before = await ScalarAsync($"select count(*) from usagers.users where first_name = 'Pirate'");

        (await client.GetAsync($"{Users}/{world.UsagerB}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync($"{Users}/{world.UsagerB}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync($"{Users}/999999999")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var edit = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Pirate"), F("Input.LastName", "Beta")], postUrl: $"{Users}/{world.UsagerB}/edit");
        edit.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var relative = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Pirate"), F("Input.LastName", "Enfant"), F("Input.IsRelative", "true"), F("Input.ResponsibleId", world.UsagerB.ToString())]);
        relative.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a relative cannot be attached to a usager A does not see");
        var merge = await client.PostFormAsync($"/admin/organisations/{world.OrganisationA}/merge_users/new",
            [F("user1_id", world.UsagerA.ToString()), F("user2_id", world.UsagerB.ToString())]);
        merge.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync($"/admin/organisations/{world.OrganisationA}/merge_users/new?user1_id={world.UsagerA}&user2_id={world.UsagerB}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await ScalarAsync($"select count(*) from usagers.users where first_name = 'Pirate'")).Should().Be(before);
        (await ScalarAsync($"select count(*) from usagers.users where id = {world.UsagerB} and deleted_at is null and first_name = 'Bernard'")).Should().Be(1);

        using var outsider = await factory.SignedInAgentAsync(world.AdminB.Email);
        (await outsider.GetAsync(Users)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await outsider.GetAsync($"{Users}/search?term=marie")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await outsider.GetAsync($"{Users}/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Creating_a_usager_gives_him_a_profile_in_the_organisation()
    {
        using var client = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var lastName = Unique("Nouveau");

        var response = await client.PostFormAsync($"{Users}/new",
            [F("Input.FirstName", "Zoé"), F("Input.LastName", lastName), F("Input.BirthDate", "2001-02-03"), F("Input.PhoneNumber", "07 11 22 33 44"), F("Input.Notes", "Vient le mardi")]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ScalarAsync($"select id from usagers.users where last_name = '{lastName}'");
        response.Headers.Location!.OriginalString.Should().Be($"{Users}/{id}");
        (await ScalarAsync($"select count(*) from usagers.user_profiles where user_id = {id} and organisation_id = {world.OrganisationA}")).Should().Be(1);
        (await ScalarAsync($"select count(*) from usagers.users where id = {id} and phone_number_formatted = '+33711223344' and notes = 'Vient le mardi' and created_through = 'agent_creation'")).Should().Be(1);
        (await client.GetTextAsync($"{Users}/{id}")).Should().Contain("L'usager a été créé.");
    }

    [TestCase("", "Dupont", "2000-01-01", "", "Le prénom est obligatoire.")]
    [TestCase("Jean", "Dupont", "2000-01-01", "12345", "Le numéro de téléphone n'est pas valide")]
    [TestCase("Jean", "Dupont", "2099-01-01", "", "La date de naissance doit être passée")]
    [TestCase("Jean", "Dupont", "1850-01-01", "", "La date")]
    [TestCase("Jean", "Dupont", "31/02/2020", "", "date")]
    [TestCase("Jean", "Dupont", "pas-une-date", "", "date")]
    public async Task Bad_input_on_the_creation_form_is_refused_in_french_and_nothing_is_written(string firstName, string lastName, string birthDate, string phone, string message)
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var unique = Unique(lastName);

        var response = await client.PostFormAsync($"{Users}/new",
            [F("Input.FirstName", firstName), F("Input.LastName", unique), F("Input.BirthDate", birthDate), F("Input.PhoneNumber", phone), F("Input.Email", "")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.ReadTextAsync();
        text.Should().Contain(message).And.Contain("Le formulaire contient");
        text.Should().Contain("Input.Notes", "the form shown again keeps the territory's fields");
        (await CountUsersAsync(unique)).Should().Be(0);
    }

    [Test]
    public async Task Other_bad_values_of_the_form_are_refused_too()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var unique = Unique("Mauvais");
        foreach (var (field, value, message) in new[]
        {
            ("Input.Email", "pas-un-email", "L'adresse e-mail n'est pas valide"),
            ("Input.LastName", new string('x', 101), "Le nom doit contenir au plus 100 caractères."),
            ("Input.IsRelative", "true", "Choisissez l'usager responsable de ce proche."),
            ("Input.ResponsibleId", "-3", "L'identifiant n'est pas valide."),
            ("Input.Notes", new string('n', 1001), "Le texte saisi est trop long"),
        })
        {
            var fields = new Dictionary<string, string> { ["Input.FirstName"] = "Jean", ["Input.LastName"] = unique, [field] = value };
            var response = await client.PostFormAsync($"{Users}/new", fields);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, field);
            (await response.ReadTextAsync()).Should().Contain(message);
        }
        (await CountUsersAsync(unique)).Should().Be(0);
    }

    [Test]
    public async Task The_same_email_blocks_with_a_link_to_the_existing_usager()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var unique = Unique("Doublon");

        var visible = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Marie"), F("Input.LastName", unique), F("Input.Email", world.UsagerAEmail.ToUpperInvariant())]);
        visible.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await visible.ReadTextAsync();
        text.Should().Contain("Un usager avec cette adresse e-mail existe déjà").And.Contain($"href=\"{Users}/{world.UsagerA}\"");

        var ofB = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Marie"), F("Input.LastName", unique), F("Input.Email", $"usager.b.{world.UsagerALastName[6..]}@test.rdv-sp.fr")]);
        ofB.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var ofBText = await ofB.ReadTextAsync();
        ofBText.Should().Contain($"{Users}/{world.UsagerB}/link_to_organisation").And.NotContain("Bernard", "the other organisation's usager is not shown");

        var confirmed = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Marie"), F("Input.LastName", unique), F("Input.Email", world.UsagerAEmail), F("Input.ConfirmLookAlikes", "true")]);
        confirmed.StatusCode.Should().Be(HttpStatusCode.BadRequest, "an e-mail duplicate cannot be confirmed away");
        (await CountUsersAsync(unique)).Should().Be(0);
    }

    [Test]
    public async Task Same_names_and_birth_date_or_same_phone_warn_and_the_agent_may_confirm()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var lastName = Unique("Jumeau");
        var first = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Léo"), F("Input.LastName", lastName), F("Input.BirthDate", "2010-06-01")]);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var firstId = await ScalarAsync($"select id from usagers.users where last_name = '{lastName}'");

        var twin = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "LEO"), F("Input.LastName", lastName.ToUpperInvariant()), F("Input.BirthDate", "2010-06-01")]);
        twin.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await twin.ReadTextAsync();
        text.Should().Contain("cet usager existe peut-être déjà").And.Contain($"{Users}/{firstId}").And.Contain("Créer quand même");
        text.Should().Contain("name=\"Input.ConfirmLookAlikes\" value=\"true\"");
        (await ScalarAsync($"select count(*) from usagers.users where lower(last_name) = lower('{lastName}')")).Should().Be(1);

        var samePhone = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Autre"), F("Input.LastName", Unique("Tel")), F("Input.PhoneNumber", "+33 6 12 34 56 78")]);
        (await samePhone.ReadTextAsync()).Should().Contain("cet usager existe peut-être déjà").And.Contain($"{Users}/{world.UsagerA}");

        var confirmed = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "LEO"), F("Input.LastName", lastName.ToUpperInvariant()), F("Input.BirthDate", "2010-06-01"), F("Input.ConfirmLookAlikes", "true")]);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from usagers.users where lower(last_name) = lower('{lastName}')")).Should().Be(2);
    }

    [Test]
    public async Task The_wizard_modal_creates_then_returns_to_its_location_with_the_new_id()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var lastName = Unique("Modal");
        var returnLocation = $"/admin/organisations/{world.OrganisationA}/rdv_wizard_step/new?step=2&motif_id={world.PmiMotifA}&user_ids[]={world.UsagerA}";

        var response = await client.PostFormAsync($"{Users}/new",
            [F("Input.FirstName", "Nina"), F("Input.LastName", lastName), F("Input.BirthDate", "1985-03-12"), F("Input.Email", $"{lastName}@exemple.fr"), F("Input.PhoneNumber", "0699887766"), F("ReturnLocation", returnLocation)]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ScalarAsync($"select id from usagers.users where last_name = '{lastName}'");
        response.Headers.Location!.OriginalString.Should().Be($"{returnLocation}&user_ids[]={id}");

        var refused = await client.PostFormAsync($"{Users}/new?ReturnLocation={Uri.EscapeDataString(returnLocation)}", [F("Input.FirstName", ""), F("Input.LastName", lastName + "x"), F("ReturnLocation", returnLocation)]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await refused.ReadTextAsync();
        text.Should().Contain("Le prénom est obligatoire.").And.Contain($"name=\"ReturnLocation\" value=\"{returnLocation}\"", "a refusal keeps the way back");
    }

    [TestCase("https://pirate.example/admin/organisations")]
    [TestCase("//pirate.example/admin")]
    [TestCase("/\\pirate.example")]
    [TestCase("/users/rdvs")]
    [TestCase("javascript:alert(1)")]
    public async Task A_return_location_outside_the_back_office_is_refused_and_nothing_is_written(string location)
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var lastName = Unique("Ailleurs");

        var response = await client.PostFormAsync($"{Users}/new", [F("Input.FirstName", "Nina"), F("Input.LastName", lastName), F("ReturnLocation", location)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("L'adresse de retour doit être une page de l'espace agents.");
        (await CountUsersAsync(lastName)).Should().Be(0);
        (await client.GetAsync($"{Users}/new?ReturnLocation={Uri.EscapeDataString(location)}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Editing_keeps_the_duplicate_rules_and_refuses_bad_input()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);
        var lastName = Unique("Edite");
        var id = await UsagerAsync(world.OrganisationA, "Hugo", lastName, $"{lastName}@exemple.fr");
        var edit = $"{Users}/{id}/edit";

        (await client.GetTextAsync(edit)).Should().Contain($"value=\"{lastName}\"");
        var badPhone = await client.PostFormAsync(edit, [F("Input.FirstName", "Hugo"), F("Input.LastName", "Change"), F("Input.PhoneNumber", "0000")]);
        badPhone.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badPhone.ReadTextAsync()).Should().Contain("Le numéro de téléphone n'est pas valide");
        var badDate = await client.PostFormAsync(edit, [F("Input.FirstName", "Hugo"), F("Input.LastName", "Change"), F("Input.BirthDate", "2020-13-45")]);
        badDate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var takenEmail = await client.PostFormAsync(edit, [F("Input.FirstName", "Hugo"), F("Input.LastName", "Change"), F("Input.Email", world.UsagerAEmail)]);
        takenEmail.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CountUsersAsync(lastName)).Should().Be(1, "nothing changed");

        var saved = await client.PostFormAsync(edit, [F("Input.FirstName", "Hugo"), F("Input.LastName", lastName), F("Input.Email", $"{lastName}@exemple.fr"), F("Input.PhoneNumber", "06 55 44 33 22")]);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from usagers.users where id = {id} and phone_number_formatted = '+33655443322'")).Should().Be(1);
    }

    [Test]
    public async Task A_relative_is_attached_to_a_visible_responsible()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var lastName = Unique("Proche");

        var response = await client.PostFormAsync($"{Users}/new",
            [F("Input.FirstName", "Lina"), F("Input.LastName", lastName), F("Input.IsRelative", "true"), F("Input.ResponsibleId", world.UsagerA.ToString()), F("Input.Email", "ignore@exemple.fr")]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync($"select count(*) from usagers.users where last_name = '{lastName}' and responsible_id = {world.UsagerA} and email is null")).Should().Be(1);
        (await client.GetTextAsync($"{Users}/{world.UsagerA}")).Should().Contain(lastName.ToUpperInvariant());
    }

    [Test]
    public async Task A_usager_of_the_territory_is_linked_to_the_organisation_and_becomes_visible()
    {
        var lastName = Unique("Voisin");
        var neighbour = await UsagerAsync(world.OrganisationB, "Yanis", lastName, $"{lastName}@exemple.fr");
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (await client.GetAsync($"{Users}/{neighbour}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var confirm = await client.GetTextAsync($"{Users}/{neighbour}/link_to_organisation");
        confirm.Should().Contain($"{lastName.ToUpperInvariant()} Y.").And.NotContain($"{lastName}@exemple.fr");
        var linked = await client.PostFormAsync($"{Users}/{neighbour}/link_to_organisation", []);
        linked.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await client.GetTextAsync($"{Users}/{neighbour}")).Should().Contain($"{lastName}@exemple.fr");
    }

    [Test]
    public async Task A_usager_of_another_territory_cannot_be_linked()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var orgs = scope.ServiceProvider.GetRequiredService<RdvSP.Application.Organisations.Abstractions.IOrganisationRepository>();
        var territory = await orgs.AddTerritoryAsync(new RdvSP.Application.Organisations.Abstractions.NewTerritory("07", Unique("Ardèche ")), default);
        var organisation = await orgs.AddOrganisationAsync(new RdvSP.Application.Organisations.Abstractions.NewOrganisation(territory, "MDS Gamma", "04 75 00 00 09"), default);
        var stranger = await UsagerAsync(organisation, "Loin", Unique("Loin"));
        using var client = await factory.SignedInAgentAsync(world.AdminA.Email);

        (await client.GetAsync($"{Users}/{stranger}/link_to_organisation")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostFormAsync(Users + "/new", [], postUrl: $"{Users}/{stranger}/link_to_organisation")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync($"select count(*) from usagers.user_profiles where user_id = {stranger}")).Should().Be(1);
    }

    [Test]
    public async Task Merging_two_usagers_keeps_the_chosen_values_and_deletes_the_other()
    {
        var lastName = Unique("Fusion");
        var one = await UsagerAsync(world.OrganisationA, "Emma", lastName, $"{lastName}.1@exemple.fr");
        var two = await UsagerAsync(world.OrganisationA, "Emma", lastName + "e", $"{lastName}.2@exemple.fr", "06 01 02 03 04");
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var merge = $"/admin/organisations/{world.OrganisationA}/merge_users/new";

        var form = await client.GetTextAsync($"{merge}?user1_id={one}&user2_id={two}");
        form.Should().Contain("Input.Choices[Email]").And.Contain("Input.Choices[LastName]").And.NotContain("Input.Choices[FirstName]", "equal values need no choice");

        var same = await client.PostFormAsync($"{merge}?user1_id={one}&user2_id={two}", [F("user1_id", one.ToString()), F("user2_id", one.ToString())]);
        same.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await same.ReadTextAsync()).Should().Contain("Choisissez deux usagers différents.");
        var badChoice = await client.PostFormAsync($"{merge}?user1_id={one}&user2_id={two}", [F("user1_id", one.ToString()), F("user2_id", two.ToString()), F("Input.Choices[Email]", "3")]);
        badChoice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ScalarAsync($"select count(*) from usagers.users where id = {two} and deleted_at is null")).Should().Be(1);

        var merged = await client.PostFormAsync($"{merge}?user1_id={one}&user2_id={two}",
            [F("user1_id", one.ToString()), F("user2_id", two.ToString()), F("Input.Choices[Email]", "2"), F("Input.Choices[PhoneNumber]", "2"), F("Input.Choices[LastName]", "1")]);

        merged.StatusCode.Should().Be(HttpStatusCode.Redirect);
        merged.Headers.Location!.OriginalString.Should().Be($"{Users}/{one}");
        (await ScalarAsync($"select count(*) from usagers.users where id = {one} and email = '{lastName}.2@exemple.fr' and last_name = '{lastName}' and phone_number_formatted = '+33601020304'")).Should().Be(1);
        (await ScalarAsync($"select count(*) from usagers.users where id = {two} and deleted_at is not null and email is null")).Should().Be(1);
        (await client.GetAsync($"{Users}/{two}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_refused_merge_shows_why_and_writes_nothing()
    {
        var lastName = Unique("Famille");
        var parent = await UsagerAsync(world.OrganisationA, "Anna", lastName);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var usagers = scope.ServiceProvider.GetRequiredService<IUsagerRepository>();
            var child = await usagers.AddAsync(new NewUsager("Noé", lastName, CreatedThrough.AgentCreation, ResponsibleId: parent), default);
            await usagers.AddFamilyToOrganisationAsync(child, world.OrganisationA, default);
            using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
            var merge = $"/admin/organisations/{world.OrganisationA}/merge_users/new";

            var refused = await client.PostFormAsync($"{merge}?user1_id={parent}&user2_id={child}", [F("user1_id", parent.ToString()), F("user2_id", child.ToString())]);

            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await refused.ReadTextAsync()).Should().Contain("Impossible de fusionner un usager avec l'un de ses proches.");
            (await ScalarAsync($"select count(*) from usagers.users where last_name = '{lastName}' and deleted_at is null")).Should().Be(2);
            (await ScalarAsync($"select count(*) from usagers.users where id = {child} and responsible_id = {parent}")).Should().Be(1);
        }
    }
}
