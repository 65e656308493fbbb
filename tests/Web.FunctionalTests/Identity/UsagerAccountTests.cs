using System.Net;
using FluentAssertions;
using RdvSP.Application.Identity.Common;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>Sign-up, confirmation, sign-in with its growing wait, sign-out and forgotten password, through the real pages.</summary>
[TestFixture]
public sealed class UsagerAccountTests
{
    private UsagerApp app = null!;

    [OneTimeSetUp]
    public async Task Start() => app = await UsagerApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    [Test]
    public async Task Sign_up_then_confirmation_link_then_password_then_sign_in_shows_the_name()
    {
        var email = UsagerApp.NewEmail();
        using var client = app.NewClient();

        var signUp = await app.SignUpAsync(client, "Léa", "Dupont", email);
        signUp.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signUp.Headers.Location!.ToString().Should().Be("/users/pending_registration");
        (await UsagerApp.ScalarAsync<string>("select created_through from usagers.users where email = @p::citext", email)).Should().Be("user_sign_up");

        var mail = await app.LatestMessageToAsync(email, "Instructions de confirmation");
        mail.From.Mailboxes.Single().Address.Should().Be("ne-pas-repondre@rdv-service-public.fr");
        mail.TextBody.Should().Contain("Bonjour Léa");
        var link = UsagerApp.LinkIn(mail, "/users/confirmation");

        // Opening the link shows the form; only the POST consumes the token.
        var form = await client.GetAsync(link);
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.TextAsync(form)).Should().Contain("Choisissez votre mot de passe");
        (await UsagerApp.ScalarAsync<bool>("select a.confirmation_token_hash is not null from identity.usager_accounts a join usagers.users u on u.id = a.user_id where u.email = @p::citext", email))
            .Should().BeTrue();
        (await UsagerApp.ScalarAsync<string>("select a.confirmation_token_hash from identity.usager_accounts a join usagers.users u on u.id = a.user_id where u.email = @p::citext", email))
            .Should().Be(SecretToken.Hash(UsagerApp.TokenOf(link)), "only the token's SHA-256 is stored");

        var confirmed = await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", UsagerApp.GoodPassword));
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.ToString().Should().Be("/users/sign_in");

        var signIn = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().Should().Be("/");

        var informations = await client.GetAsync("/users/informations");
        informations.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.TextAsync(informations)).Should().Contain("Léa Dupont");
    }

    [Test]
    public async Task Confirmation_link_works_once()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Jean", "Once", email);
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation"), "/users/confirmation");
        using var client = app.NewClient();

        var again = await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", "Autre-Secret-99"));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.TextAsync(again)).Should().Contain(IdentityErrors.InvalidConfirmationToken.Message);
        (await app.SignInAsync(client, email, "Autre-Secret-99")).StatusCode.Should().Be(HttpStatusCode.OK, "the password did not change");
    }

    [Test]
    public async Task Sign_up_with_a_taken_email_answers_the_same_and_creates_nothing()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Paul", "Premier", email);
        using var client = app.NewClient();

        var second = await app.SignUpAsync(client, "Paul", "Second", email);

        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.Headers.Location!.ToString().Should().Be("/users/pending_registration");
        (await UsagerApp.ScalarAsync<long>("select count(*) from usagers.users where email = @p::citext", email)).Should().Be(1);
        (await UsagerApp.ScalarAsync<string>("select last_name from usagers.users where email = @p::citext", email)).Should().Be("Premier");
        // The owner is told by e-mail instead of the page telling the visitor.
        await app.LatestMessageToAsync(email, "Vous avez déjà un compte sur RDV Service Public");
    }

    [TestCase("Court-1", PasswordPolicy.TooShort)]
    [TestCase("sans-majuscule-42", PasswordPolicy.NoUpper)]
    [TestCase("Sans-Chiffre-Ici", PasswordPolicy.NoDigit)]
    [TestCase("SansSpecial12345", PasswordPolicy.NoSpecial)]
    [TestCase("Password123!", PasswordPolicy.TooCommon)]
    [TestCase("Azertyuiop123!", PasswordPolicy.TooCommon)]
    public async Task Weak_password_is_refused_with_its_french_message(string password, string message)
    {
        var email = UsagerApp.NewEmail();
        using var client = app.NewClient();
        await app.SignUpAsync(client, "Faible", "Motdepasse", email);
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation"), "/users/confirmation");

        var response = await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", password));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await UsagerApp.TextAsync(response)).Should().Contain(message);
        (await UsagerApp.ScalarAsync<bool>("select a.password_hash is null and a.email_confirmed_at is null from identity.usager_accounts a join usagers.users u on u.id = a.user_id where u.email = @p::citext", email))
            .Should().BeTrue("a refused password writes nothing and keeps the link usable");
    }

    [Test]
    public async Task Wrong_passwords_from_one_ip_bring_a_growing_wait_named_in_french_never_a_lock()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Verrou", "Test", email);
        var ip = TestClientIp.Random();
        using var client = app.NewClient(ip);

        var unknown = await UsagerApp.TextAsync(await app.SignInAsync(client, UsagerApp.NewEmail(), UsagerApp.GoodPassword));
        unknown.Should().Contain(IdentityErrors.InvalidCredentials.Message);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await app.SignInAsync(client, email, $"Mauvais-Secret-{attempt}");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
            (await UsagerApp.TextAsync(wrong)).Should().Contain(IdentityErrors.InvalidCredentials.Message);
        }

        // The 5th failure starts a 1-minute wait for this e-mail from this IP, said plainly.
        var waiting = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
        waiting.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var text = await UsagerApp.TextAsync(waiting);
        text.Should().Contain("Trop de tentatives de connexion. Réessayez dans 1 minute.")
            .And.NotContain(IdentityErrors.InvalidCredentials.Message, "a wait is not an \"incorrect\" password");
        waiting.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("rdvsp.usager=", StringComparison.Ordinal));

        // Anyone else (another IP) is not slowed down: the usager can still sign in from home.
        using (var elsewhere = app.NewClient())
            (await app.SignInAsync(elsewhere, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // After the wait, one more failure doubles it.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        (await app.SignInAsync(client, email, "Mauvais-Secret-6")).StatusCode.Should().Be(HttpStatusCode.OK);
        var longer = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
        longer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await UsagerApp.TextAsync(longer)).Should().Contain("Réessayez dans 2 minutes.");

        app.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var signedIn = await app.SignInAsync(client, email, UsagerApp.GoodPassword);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/users/informations")).StatusCode.Should().Be(HttpStatusCode.OK);

        // A success clears the count: the next typo is just "incorrect" again.
        using var again = app.NewClient(ip);
        var typo = await app.SignInAsync(again, email, "Mauvais-Secret-7");
        typo.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.TextAsync(typo)).Should().Contain(IdentityErrors.InvalidCredentials.Message);
    }

    [Test]
    public async Task Forgotten_password_email_link_sets_a_new_password()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Oubli", "Test", email);
        using var client = app.NewClient();

        var request = await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email.ToUpperInvariant()));
        request.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions pour changer le mot de passe"), "/users/password/edit");
        (await client.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK);

        var reset = await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", "Nouveau-Secret-77"));
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await app.SignInAsync(client, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer works");
        (await app.SignInAsync(client, email, "Nouveau-Secret-77")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Forgotten_password_of_an_unconfirmed_account_sends_the_confirmation_link_again()
    {
        var email = UsagerApp.NewEmail();
        using var client = app.NewClient();
        await app.SignUpAsync(client, "Pas", "Confirmé", email);
        var first = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation"), "/users/confirmation");

        (await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var second = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions de confirmation", count: 2), "/users/confirmation");
        app.Smtp.MessagesTo(email).Where(m => m.Subject == "Instructions de confirmation").Should().HaveCount(2);
        second.Should().NotBe(first);
        var confirmed = await UsagerApp.PostAsync(client, second, ("Input.Token", UsagerApp.TokenOf(second)), ("Input.Password", UsagerApp.GoodPassword));
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.SignInAsync(client, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Forgotten_password_for_an_unknown_email_answers_the_same_and_sends_nothing()
    {
        var email = UsagerApp.NewEmail();
        using var client = app.NewClient();
        var queued = await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox");

        var request = await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email));

        request.StatusCode.Should().Be(HttpStatusCode.Redirect);
        request.Headers.Location!.ToString().Should().Be("/users/password/new?sent=True");
        (await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox")).Should().Be(queued, "nothing is queued for an unknown e-mail");
        app.Smtp.MessagesTo(email).Should().BeEmpty();
    }

    [Test]
    public async Task Expired_reset_link_is_refused()
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Expire", "Test", email);
        using var client = app.NewClient();
        await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email));
        var link = UsagerApp.LinkIn(await app.LatestMessageToAsync(email, "Instructions pour changer le mot de passe"), "/users/password/edit");

        app.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        var reset = await UsagerApp.PostAsync(client, link, ("Input.Token", UsagerApp.TokenOf(link)), ("Input.Password", "Trop-Tard-2026"));

        reset.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.TextAsync(reset)).Should().Contain(IdentityErrors.InvalidResetToken.Message);
        (await app.SignInAsync(client, email, UsagerApp.GoodPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the old password still works");
    }

    [TestCase("https://evil.example", "/")]
    [TestCase("//evil.example/path", "/")]
    [TestCase("/users/informations", "/users/informations")]
    public async Task Return_url_is_followed_only_when_local(string returnUrl, string expectedLocation)
    {
        var email = UsagerApp.NewEmail();
        await app.RegisterAsync("Retour", "Test", email);
        using var client = app.NewClient();

        var response = await app.SignInAsync(client, email, UsagerApp.GoodPassword, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be(expectedLocation);
    }

    [Test]
    public async Task Personal_pages_require_sign_in_and_sign_out_ends_the_session()
    {
        var (client, _, _) = await app.SignedInUsagerAsync();
        using (client)
        {
            (await client.GetAsync("/users/informations")).StatusCode.Should().Be(HttpStatusCode.OK);

            var page = await client.GetStringAsync("/users/informations");
            var response = await client.PostAsync("/users/sign_out", new FormUrlEncodedContent([new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page))]));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);

            var after = await client.GetAsync("/users/informations");
            after.StatusCode.Should().Be(HttpStatusCode.Redirect);
            after.Headers.Location!.ToString().Should().StartWith("http://localhost/users/sign_in?ReturnUrl=");
        }
    }

    [Test]
    public async Task Sign_in_without_antiforgery_token_is_400()
    {
        using var client = app.NewClient();

        var response = await client.PostAsync("/users/sign_in", new FormUrlEncodedContent(
        [
            new("Input.Email", UsagerApp.NewEmail()),
            new("Input.Password", UsagerApp.GoodPassword),
        ]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Sign_up_with_invalid_email_or_missing_names_shows_french_messages_and_writes_nothing()
    {
        using var client = app.NewClient();

        var response = await app.SignUpAsync(client, "", " ", "pas-une-adresse");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await UsagerApp.TextAsync(response);
        text.Should().Contain("Le prénom est obligatoire.")
            .And.Contain("Le nom est obligatoire.")
            .And.Contain("L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).");
        // Each message sits beside its field, announced to screen readers.
        text.Should().Contain("fr-input-group--error")
            .And.Contain("id=\"Input_Email\" name=\"Input.Email\" value=\"pas-une-adresse\"")
            .And.Contain("aria-describedby=\"Input_Email-hint Input_Email-error\"");
        (await UsagerApp.ScalarAsync<long>("select count(*) from usagers.users where email = @p::citext", "pas-une-adresse")).Should().Be(0);
        app.Smtp.MessagesTo("pas-une-adresse").Should().BeEmpty();
    }
}
