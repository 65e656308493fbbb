using System.Net;
using FluentAssertions;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.Identity;

namespace RdvSP.Web.FunctionalTests.Usagers;

/// <summary>"Vos informations", relatives and account deletion, through the real pages and checked in the database.</summary>
[TestFixture]
public sealed class UsagerInformationTests
{
    private UsagerApp app = null!;

    [OneTimeSetUp]
    public async Task Start() => app = await UsagerApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    private static (string, string)[] Profile(
        string firstName = "Camille", string lastName = "Martin", string phone = "06 12 34 56 78", string birthDate = "1985-04-12") =>
    [
        ("Input.FirstName", firstName),
        ("Input.LastName", lastName),
        ("Input.BirthName", "Durand"),
        ("Input.BirthDate", birthDate),
        ("Input.PhoneNumber", phone),
        ("Input.Address", "12 rue de la Paix 26000 Valence"),
        ("Input.AddressDetails", "Bâtiment B"),
        ("Input.NotifyByEmail", "true"),
        ("Input.NotifyByEmail", "false"),
        ("Input.NotifyBySms", "false"),
    ];

    [Test]
    public async Task Profile_update_is_saved_with_the_phone_in_E164()
    {
        var (client, id, _) = await app.SignedInUsagerAsync();
        using var _c = client;

        var response = await UsagerApp.PostAsync(client, "/users/informations", Profile(firstName: "Camille-Rose", phone: "06 12 34 56 78"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<string>("select first_name from usagers.users where id = @p", id)).Should().Be("Camille-Rose");
        (await UsagerApp.ScalarAsync<string>("select phone_number_formatted from usagers.users where id = @p", id)).Should().Be("+33612345678");
        (await UsagerApp.ScalarAsync<string>("select birth_date::text from usagers.users where id = @p", id)).Should().Be("1985-04-12");
        (await UsagerApp.ScalarAsync<string>("select birth_name from usagers.users where id = @p", id)).Should().Be("Durand");
        (await UsagerApp.ScalarAsync<bool>("select notify_by_email and not notify_by_sms from usagers.users where id = @p", id)).Should().BeTrue();
        var page = await UsagerApp.TextAsync(await client.GetAsync("/users/informations"));
        page.Should().Contain("Vos informations ont été enregistrées.").And.Contain("Camille-Rose Martin");
    }

    [TestCase("0690 12 34 56", "+590690123456")]
    [TestCase("+33 1 23 45 67 89", "+33123456789")]
    [TestCase("0262 12 34 56", "+262262123456")]
    public async Task French_and_overseas_numbers_are_accepted(string phone, string e164)
    {
        var (client, id, _) = await app.SignedInUsagerAsync();
        using var _c = client;

        (await UsagerApp.PostAsync(client, "/users/informations", Profile(phone: phone))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await UsagerApp.ScalarAsync<string>("select phone_number_formatted from usagers.users where id = @p", id)).Should().Be(e164);
    }

    [TestCase("12345", "Input.PhoneNumber", "Le numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78).")]
    [TestCase("+44 20 7946 0958", "Input.PhoneNumber", "Le numéro de téléphone n'est pas valide (exemple : 06 12 34 56 78).")]
    [TestCase("", "Input.FirstName", "Le prénom est obligatoire.")]
    [TestCase("", "Input.LastName", "Le nom est obligatoire.")]
    [TestCase("2090-01-01", "Input.BirthDate", "La date de naissance doit être passée et de moins de 130 ans.")]
    [TestCase("1850-01-01", "Input.BirthDate", "La date doit être comprise entre le 01/01/1900 et le 31/12/2100.")]
    [TestCase("Ca\u0001mille", "Input.FirstName", "Le texte saisi contient des caractères non autorisés.")]
    public async Task Invalid_profile_shows_the_french_message_and_writes_nothing(string value, string field, string message)
    {
        var (client, id, _) = await app.SignedInUsagerAsync("Avant", "Modification");
        using var _c = client;
        var fields = Profile().Select(f => f.Item1 == field ? (f.Item1, value) : f).ToArray();

        var response = await UsagerApp.PostAsync(client, "/users/informations", fields);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await UsagerApp.TextAsync(response);
        page.Should().Contain(message).And.Contain("Mes proches", "the form is shown again with the whole page");
        (await UsagerApp.ScalarAsync<string>("select first_name || ' ' || last_name || ' ' || coalesce(phone_number, '-') from usagers.users where id = @p", id))
            .Should().Be("Avant Modification -");
    }

    [Test]
    public async Task Relative_can_be_added_edited_and_deleted()
    {
        var (client, id, _) = await app.SignedInUsagerAsync();
        using var _c = client;

        var added = await UsagerApp.PostAsync(client, "/users/relatives/new",
            ("Input.FirstName", "Lou"), ("Input.LastName", "Martin"), ("Input.BirthDate", "2018-06-01"));
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var relativeId = await UsagerApp.ScalarAsync<long>("select id from usagers.users where responsible_id = @p", id);
        (await UsagerApp.ScalarAsync<string>("select created_through from usagers.users where id = @p", relativeId)).Should().Be("user_relative_creation");
        (await UsagerApp.TextAsync(await client.GetAsync("/users/relatives"))).Should().Contain("Lou Martin");

        var editPage = await UsagerApp.TextAsync(await client.GetAsync($"/users/relatives/{relativeId}/edit"));
        editPage.Should().Contain("value=\"Lou\"").And.Contain("value=\"2018-06-01\"");
        var edited = await UsagerApp.PostAsync(client, $"/users/relatives/{relativeId}/edit",
            ("Input.FirstName", "Louise"), ("Input.LastName", "Martin"), ("Input.BirthDate", "2018-06-02"));
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<string>("select first_name || ' ' || birth_date::text from usagers.users where id = @p", relativeId))
            .Should().Be("Louise 2018-06-02");

        (await UsagerApp.TextAsync(await client.GetAsync($"/users/relatives/{relativeId}/delete"))).Should().Contain("Supprimer Louise Martin de vos proches ?");
        var deleted = await UsagerApp.PostAsync(client, $"/users/relatives/{relativeId}/delete", []);
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<bool>("select deleted_at is not null and first_name <> 'Louise' from usagers.users where id = @p", relativeId)).Should().BeTrue();
        (await UsagerApp.TextAsync(await client.GetAsync("/users/relatives"))).Should().NotContain("Louise");
        (await UsagerApp.ScalarAsync<bool>("select deleted_at is null from usagers.users where id = @p", id)).Should().BeTrue("the responsible stays");
    }

    [Test]
    public async Task Relative_with_missing_name_shows_the_french_message_and_writes_nothing()
    {
        var (client, id, _) = await app.SignedInUsagerAsync();
        using var _c = client;

        var response = await UsagerApp.PostAsync(client, "/users/relatives/new", ("Input.FirstName", ""), ("Input.LastName", "Martin"), ("Input.BirthDate", ""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await UsagerApp.TextAsync(response)).Should().Contain("Le prénom est obligatoire.");
        (await UsagerApp.ScalarAsync<long>("select count(*) from usagers.users where responsible_id = @p", id)).Should().Be(0);
    }

    [Test]
    public async Task Another_usagers_relative_cannot_be_seen_edited_or_deleted()
    {
        var (owner, ownerId, _) = await app.SignedInUsagerAsync("Proprio", "Taire");
        using var _o = owner;
        await UsagerApp.PostAsync(owner, "/users/relatives/new", ("Input.FirstName", "Enfant"), ("Input.LastName", "Taire"), ("Input.BirthDate", "2015-01-01"));
        var relativeId = await UsagerApp.ScalarAsync<long>("select id from usagers.users where responsible_id = @p", ownerId);
        var (intruder, _, _) = await app.SignedInUsagerAsync("Intrus", "Curieux");
        using var _i = intruder;

        (await intruder.GetAsync($"/users/relatives/{relativeId}/edit")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await intruder.GetAsync($"/users/relatives/{relativeId}/delete")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Forms posted with the intruder's own valid antiforgery token (taken from a page he may see).
        var token = HtmlForms.AntiforgeryToken(await intruder.GetStringAsync("/users/relatives/new"));
        var editPost = await intruder.PostAsync($"/users/relatives/{relativeId}/edit", new FormUrlEncodedContent(
        [
            new("Input.FirstName", "Pirate"), new("Input.LastName", "Pirate"), new("Input.BirthDate", ""), new("__RequestVerificationToken", token),
        ]));
        editPost.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var deletePost = await intruder.PostAsync($"/users/relatives/{relativeId}/delete", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
        ]));
        deletePost.StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await UsagerApp.ScalarAsync<string>("select first_name || ' ' || (deleted_at is null)::text from usagers.users where id = @p", relativeId))
            .Should().Be("Enfant true");
        (await UsagerApp.TextAsync(await intruder.GetAsync("/users/relatives"))).Should().NotContain("Enfant");
    }

    [Test]
    public async Task Account_deletion_anonymises_the_usager_and_its_relatives_and_signs_out()
    {
        var (client, id, email) = await app.SignedInUsagerAsync("Partant", "Bientôt");
        using var _c = client;
        await UsagerApp.PostAsync(client, "/users/relatives/new", ("Input.FirstName", "Petit"), ("Input.LastName", "Partant"), ("Input.BirthDate", "2019-03-03"));
        var relativeId = await UsagerApp.ScalarAsync<long>("select id from usagers.users where responsible_id = @p", id);
        (await client.GetAsync("/users/informations/delete")).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await UsagerApp.PostAsync(client, "/users/informations/delete", []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.TextAsync(await client.GetAsync(response.Headers.Location))).Should().Contain("Votre compte a été supprimé.");
        (await UsagerApp.ScalarAsync<bool>("select deleted_at is not null and email is null and first_name <> 'Partant' from usagers.users where id = @p", id)).Should().BeTrue();
        (await UsagerApp.ScalarAsync<bool>("select deleted_at is not null and first_name <> 'Petit' from usagers.users where id = @p", relativeId)).Should().BeTrue();
        (await UsagerApp.ScalarAsync<long>("select count(*) from identity.usager_accounts where user_id = @p", id)).Should().Be(0);
        var after = await client.GetAsync("/users/informations");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect, "the session ended");
        using var other = app.NewClient();
        (await app.SignInAsync(other, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the credentials are gone");
    }
}
