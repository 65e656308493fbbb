using System.Globalization;
using System.Net;
using FluentAssertions;
using RdvSP.TestKit;
using static RdvSP.Web.FunctionalTests.BackOffice.Catalog.MotifPagesTests;

namespace RdvSP.Web.FunctionalTests.BackOffice.Catalog;

/// <summary>
/// Lieux (REFERENCE-SURFACES §2.3.12), the organisation's settings and « Réservation en ligne »
/// (§2.3.15) through the real pages: admins only write, bad input and other organisations' ids write
/// nothing, a referenced lieu is never deleted and the page says what refers to it.
/// </summary>
[TestFixture]
public sealed class LieuAndOrganisationPagesTests
{
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        factory = new RdvspWebFactory();
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    private string Lieux => $"/admin/organisations/{world.OrganisationA}/lieux";

    private string Settings => $"/admin/organisations/{world.OrganisationA}/edit";

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    private static Task<long> CountLieuxAsync(string name) => ScalarAsync("select count(*) from organisations.lieux where name = @name", ("name", name));

    private static List<KeyValuePair<string, string>> LieuFields(string name, params (string Key, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Address"] = "12 Rue de la République 26000 Valence",
            ["Input.Latitude"] = "44.9334",
            ["Input.Longitude"] = "4.8924",
            ["Input.PhoneNumber"] = "04 75 11 22 33",
        };
        foreach (var (key, value) in overrides) fields[$"Input.{key}"] = value;
        return fields.ToList();
    }

    [Test]
    public async Task An_admin_creates_a_located_lieu_and_edits_and_disables_it()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Maison des familles");
        var before = await InputsVersionAsync();

        var created = await admin.PostFormAsync($"{Lieux}/new", LieuFields(name));

        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ScalarAsync(
            "select id from organisations.lieux where name = @name and organisation_id = @o and address = '12 Rue de la République 26000 Valence' and latitude = 44.9334 and longitude = 4.8924 and phone_number_formatted = '+33475112233' and availability = 'enabled'",
            ("name", name), ("o", world.OrganisationA));
        (await InputsVersionAsync()).Should().BeGreaterThan(before);
        (await admin.GetTextAsync(Lieux)).Should().Contain(name).And.Contain("12 Rue de la République 26000 Valence");

        var edit = $"{Lieux}/{id}/edit";
        (await admin.GetTextAsync(edit)).Should().Contain("value=\"44.9334\"").And.Contain("id=\"lieu-delete\"");
        var disabled = await admin.PostFormAsync(edit, LieuFields(name + " bis", ("Enabled", "false")));
        disabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync("select count(*) from organisations.lieux where id = @id and availability = 'disabled' and name = @name", ("id", id), ("name", name + " bis"))).Should().Be(1);
        (await admin.GetTextAsync(Lieux)).Should().Contain("Désactivé");
    }

    [TestCase("Name", "  ", "Le nom du lieu est obligatoire.")]
    [TestCase("Address", "", "L'adresse du lieu est obligatoire.")]
    [TestCase("Latitude", "", "Choisissez l'adresse parmi les suggestions")]
    [TestCase("Latitude", "91", "Choisissez l'adresse parmi les suggestions")]
    [TestCase("Longitude", "abc", "Choisissez l'adresse parmi les suggestions")]
    [TestCase("PhoneNumber", "12345", "Le numéro de téléphone n'est pas valide")]
    public async Task Bad_lieu_input_gets_a_french_message_and_writes_nothing(string field, string value, string message)
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Lieu refusé");

        var response = await admin.PostFormAsync($"{Lieux}/new", LieuFields(name, (field, value)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await CountLieuxAsync(name)).Should().Be(0);
        (await CountLieuxAsync(value)).Should().Be(0);
    }

    [Test]
    public async Task A_huge_lieu_name_is_refused()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Lieu") + new string('z', 200);

        var response = await admin.PostFormAsync($"{Lieux}/new", LieuFields(name));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("Le nom du lieu doit contenir au plus 100 caractères.");
        (await CountLieuxAsync(name)).Should().Be(0);
    }

    [Test]
    public async Task A_lieu_referenced_by_a_plage_and_an_rdv_is_not_deleted_and_the_page_links_to_them()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var edit = $"{Lieux}/{world.LieuA}/edit";

        var page = await admin.GetTextAsync(edit);
        page.Should().Contain("ne peut pas être supprimé").And.Contain($"/admin/organisations/{world.OrganisationA}/rdvs?lieu_ids[]={world.LieuA}")
            .And.Contain("Permanence PMI").And.Contain($"/admin/organisations/{world.OrganisationA}/agents/{world.PmiAgentA.Id}/plage_ouvertures")
            .And.NotContain("id=\"lieu-delete\"");

        var refused = await admin.PostAsync($"{edit}?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var text = await refused.ReadTextAsync();
        text.Should().Contain("Ce lieu ne peut pas être supprimé : des plages d'ouverture ou des RDV y font référence.")
            .And.Contain("1 RDV à ce lieu").And.Contain($"rdvs?lieu_ids[]={world.LieuA}");
        (await ScalarAsync("select count(*) from organisations.lieux where id = @id and availability = 'enabled'", ("id", world.LieuA))).Should().Be(1);
    }

    [Test]
    public async Task An_unreferenced_lieu_is_deleted()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var name = Unique("Lieu à supprimer");
        await admin.PostFormAsync($"{Lieux}/new", LieuFields(name));
        var id = await ScalarAsync("select id from organisations.lieux where name = @name", ("name", name));
        var edit = $"{Lieux}/{id}/edit";
        var page = await admin.GetStringAsync(edit);

        var deleted = await admin.PostAsync($"{edit}?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));

        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountLieuxAsync(name)).Should().Be(0);
    }

    [Test]
    public async Task A_lieu_of_another_organisation_is_refused_and_basic_agents_only_read()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var page = await admin.GetStringAsync($"{Lieux}/new");
        var token = HtmlForms.AntiforgeryToken(page);
        var before = await ScalarAsync("select hashtext(l::text)::bigint from organisations.lieux l where id = @id", ("id", world.LieuB));

        (await admin.GetAsync($"{Lieux}/{world.LieuB}/edit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"{Lieux}/{world.LieuB}/edit", new FormUrlEncodedContent(LieuFields("Pirate").Append(new("__RequestVerificationToken", token)))))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"{Lieux}/{world.LieuB}/edit?handler=delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ScalarAsync("select hashtext(l::text)::bigint from organisations.lieux l where id = @id", ("id", world.LieuB))).Should().Be(before);
        (await admin.GetTextAsync(Lieux)).Should().NotContain("Lieu Beta");

        using var basic = await factory.SignedInAgentAsync(world.SocialAgentA.Email);
        var list = await basic.GetTextAsync(Lieux);
        list.Should().Contain("Lieu Alpha").And.NotContain("Créer un lieu").And.NotContain($"/lieux/{world.LieuA}/edit");
        (await basic.GetAsync($"{Lieux}/new")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await basic.PostAsync($"{Lieux}/new", new FormUrlEncodedContent(LieuFields(Unique("Interdit")).Append(new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(list))))))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_admin_edits_the_organisation_settings()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var page = await admin.GetTextAsync(Settings);
        page.Should().Contain("Votre organisation").And.Contain("MDS Alpha");
        var name = Unique("MDS Alpha renommée");
        var before = await InputsVersionAsync();

        var saved = await admin.PostFormAsync(Settings,
        [
            new("Input.Name", name), new("Input.PhoneNumber", "3949"), new("Input.Email", "contact@mds.example.fr"),
            new("Input.Website", "https://mds.example.fr"), new("Input.Horaires", "Du lundi au vendredi, 9 h - 17 h"),
            new("Input.TimeZone", "Indian/Reunion"), new("Input.ReminderLeadHours", "24"),
        ]);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ScalarAsync(
            "select count(*) from organisations.organisations where id = @id and name = @name and phone_number = '3949' and email = 'contact@mds.example.fr' and website = 'https://mds.example.fr' and horaires like 'Du lundi%' and time_zone = 'Indian/Reunion' and reminder_lead_hours = 24",
            ("id", world.OrganisationA), ("name", name))).Should().Be(1);
        (await InputsVersionAsync()).Should().BeGreaterThan(before);
        await ScalarAsync("update organisations.organisations set time_zone = 'Europe/Paris', reminder_lead_hours = 48 where id = @id returning 1", ("id", world.OrganisationA));
    }

    [TestCase("Name", "", "Le nom de l'organisation est obligatoire.")]
    [TestCase("Name", "same-as-b", "Une autre organisation du territoire porte déjà ce nom.")]
    [TestCase("PhoneNumber", "123", "Le numéro de téléphone n'est pas valide")]
    [TestCase("Email", "pas-une-adresse", "L'adresse e-mail n'est pas valide")]
    [TestCase("Website", "javascript:alert(1)", "Le site internet doit être une adresse commençant par https://")]
    [TestCase("TimeZone", "Mars/Olympus", "Le fuseau horaire choisi n'est pas proposé.")]
    [TestCase("ReminderLeadHours", "0", "Le rappel doit partir entre 1 et 168 heures")]
    [TestCase("ReminderLeadHours", "10000", "Le rappel doit partir entre 1 et 168 heures")]
    public async Task Bad_settings_get_a_french_message_and_write_nothing(string field, string value, string message)
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var before = await ScalarAsync("select hashtext(o::text)::bigint from organisations.organisations o where id = @id", ("id", world.OrganisationA));
        if (value == "same-as-b") value = await NameOfBAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "MDS Alpha autre", ["Input.PhoneNumber"] = "", ["Input.Email"] = "", ["Input.Website"] = "",
            ["Input.Horaires"] = "", ["Input.TimeZone"] = "Europe/Paris", ["Input.ReminderLeadHours"] = "48",
        };
        fields[$"Input.{field}"] = value;

        var response = await admin.PostFormAsync(Settings, fields.ToList());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await ScalarAsync("select hashtext(o::text)::bigint from organisations.organisations o where id = @id", ("id", world.OrganisationA))).Should().Be(before);
    }

    private async Task<string> NameOfBAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select name from organisations.organisations where id = @id", connection);
        command.Parameters.AddWithValue("id", world.OrganisationB);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task Online_booking_shows_the_public_link_and_where_each_motif_is_offered()
    {
        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);

        var page = await admin.GetTextAsync($"/admin/organisations/{world.OrganisationA}/online_booking");

        page.Should().Contain($"/org/{world.OrganisationA}/mds-alpha-");
        var rows = page.Split("<tr class=\"online-motif\"");
        rows.Single(r => r.Contains($"data-motif-id=\"{world.PmiMotifA}\"", StringComparison.Ordinal))
            .Should().Contain("Oui").And.Contain("1 plage(s) d'ouverture").And.Contain($"/motifs/{world.PmiMotifA}/edit?tab=online");
        rows.Single(r => r.Contains($"data-motif-id=\"{world.SocialMotifA}\"", StringComparison.Ordinal))
            .Should().Contain("Non").And.Contain("0 plage(s) d'ouverture");
        page.Should().NotContain($"data-motif-id=\"{world.MotifB}\"");
    }

    [Test]
    public async Task Settings_and_online_booking_are_for_admins_and_the_menu_follows_the_role()
    {
        using var basic = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        (await basic.GetAsync(Settings)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await basic.GetAsync($"/admin/organisations/{world.OrganisationA}/online_booking")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var basicMenu = await basic.GetTextAsync(Lieux);
        basicMenu.Should().Contain($"/admin/organisations/{world.OrganisationA}/motifs\"").And.NotContain("Réservation en ligne").And.NotContain("Paramètres de l'organisation");

        using var admin = await factory.SignedInAgentAsync(world.AdminA.Email);
        var adminMenu = await admin.GetTextAsync(Lieux);
        adminMenu.Should().Contain("Paramètres de l'organisation").And.Contain("Réservation en ligne").And.Contain(">Motifs</a>").And.Contain(">Lieux</a>");
    }
}
