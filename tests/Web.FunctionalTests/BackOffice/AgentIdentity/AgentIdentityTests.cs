using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RdvSP.Application.Identity.AgentInvitation;
using RdvSP.Application.Identity.Common;
using RdvSP.Application.Organisations.Abstractions;
using RdvSP.Domain.Common;
using RdvSP.TestKit;
using RdvSP.Web.FunctionalTests.Identity;

namespace RdvSP.Web.FunctionalTests.BackOffice.AgentIdentity;

/// <summary>
/// Agents' forgotten password, invitation, "Votre compte", "Mot de passe" and notification preferences,
/// through the real pages, with e-mails read from a fake SMTP server and a fake clock.
/// </summary>
[TestFixture]
public sealed class AgentIdentityTests
{
    private const string ResetSubject = "Instructions pour changer le mot de passe";
    private const string InvitationSubject = "Vous avez été invité sur RDV Service Public";
    private const string NewPassword = "Nouveau-Secret-Agent-77";

    private UsagerApp app = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        app = await UsagerApp.StartAsync();
        world = await new BackOfficeWorld(app.Factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await app.DisposeAsync();

    // ---- Forgotten password ----

    [Test]
    public async Task Reset_link_sets_a_new_password_once_and_ends_every_session_of_the_agent()
    {
        var agent = await world.AddAgentAsync("Rene", "Reset", world.PmiServiceId, AccessLevels.Basic);
        using var office = await app.Factory.SignedInAgentAsync(agent.Email);
        using var laptop = await app.Factory.SignedInAgentAsync(agent.Email);
        using var anonymous = app.NewClient();

        var request = await anonymous.PostFormAsync("/agents/password/new", [new("Input.Email", agent.Email.ToUpperInvariant())]);
        request.StatusCode.Should().Be(HttpStatusCode.Redirect);
        request.Headers.Location!.ToString().Should().Be("/agents/password/new?sent=True");
        var link = LinkIn(await app.LatestMessageToAsync(agent.Email, ResetSubject), AgentAccountMailer.ResetPath, "reset_password_token");
        (await UsagerApp.ScalarAsync<string>("select reset_token_hash from identity.agent_accounts where agent_id = @p", agent.Id))
            .Should().Be(SecretToken.Hash(TokenOf(link)), "only the token's hash is stored");

        var reset = await anonymous.PostFormAsync(link, [new("Input.Token", TokenOf(link)), new("Input.Password", NewPassword)]);
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect);
        reset.Headers.Location!.ToString().Should().Be("/agents/sign_in");

        foreach (var client in new[] { office, laptop })
            (await client.GetAsync("/agents/edit")).Headers.Location!.OriginalString.Should().Contain("/agents/sign_in", "a reset ends every session");
        (await SignInAsync(agent.Email, BackOfficeWorld.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer works");
        (await SignInAsync(agent.Email, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await anonymous.PostFormAsync("/agents/password/new", [new("Input.Token", TokenOf(link)), new("Input.Password", "Encore-Un-Autre-99")], postUrl: "/agents/password/edit");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.ReadTextAsync()).Should().Contain(IdentityErrors.InvalidResetToken.Message, "the link works once");
        (await SignInAsync(agent.Email, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task An_expired_reset_link_is_refused_and_the_old_password_stays()
    {
        var agent = await world.AddAgentAsync("Eve", "Expire", world.PmiServiceId, AccessLevels.Basic);
        using var anonymous = app.NewClient();
        await anonymous.PostFormAsync("/agents/password/new", [new("Input.Email", agent.Email)]);
        var link = LinkIn(await app.LatestMessageToAsync(agent.Email, ResetSubject), AgentAccountMailer.ResetPath, "reset_password_token");

        app.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        var reset = await anonymous.PostFormAsync(link, [new("Input.Token", TokenOf(link)), new("Input.Password", NewPassword)]);

        reset.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reset.ReadTextAsync()).Should().Contain(IdentityErrors.InvalidResetToken.Message);
        (await SignInAsync(agent.Email, BackOfficeWorld.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task An_unknown_email_gets_the_same_answer_and_nothing_is_queued()
    {
        var email = $"inconnu.{Guid.NewGuid():N}@exemple.fr";
        using var anonymous = app.NewClient();
        var queued = await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox");

        var request = await anonymous.PostFormAsync("/agents/password/new", [new("Input.Email", email)]);

        request.StatusCode.Should().Be(HttpStatusCode.Redirect);
        request.Headers.Location!.ToString().Should().Be("/agents/password/new?sent=True");
        (await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox")).Should().Be(queued);
        (await (await anonymous.GetAsync("/agents/password/new?sent=True")).ReadTextAsync()).Should().Contain("Si un compte agent existe avec cette adresse");
    }

    [Test]
    public async Task Reset_requests_are_throttled_per_email_with_a_french_message()
    {
        var agent = await world.AddAgentAsync("Theo", "Throttle", world.PmiServiceId, AccessLevels.Basic);
        for (var i = 0; i < 5; i++)
        {
            using var client = app.NewClient();
            (await client.PostFormAsync("/agents/password/new", [new("Input.Email", agent.Email)])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        await app.LatestMessageToAsync(agent.Email, ResetSubject, count: 5);

        using var sixth = app.NewClient();
        var refused = await sixth.PostFormAsync("/agents/password/new", [new("Input.Email", agent.Email)]);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await refused.ReadTextAsync()).Should().Contain("Trop de demandes en peu de temps. Réessayez dans");
        (await UsagerApp.QueuedForAsync(agent.Email)).Should().Be(0);
        app.Smtp.MessagesTo(agent.Email).Count(m => m.Subject == ResetSubject).Should().Be(5, "the refused request sends nothing");
    }

    [Test]
    public async Task Malformed_email_gets_a_french_message_and_nothing_is_queued()
    {
        using var anonymous = app.NewClient();
        var queued = await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox");
        var response = await anonymous.PostFormAsync("/agents/password/new", [new("Input.Email", "pas-une-adresse")]);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain("L'adresse e-mail n'est pas valide");
        (await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox")).Should().Be(queued);
    }

    [Test]
    public async Task An_agent_who_never_accepted_his_invitation_gets_it_again_and_the_old_link_stops_working()
    {
        var (agentId, email) = await InvitedAgentAsync("Ines");
        var first = LinkIn(await app.LatestMessageToAsync(email, InvitationSubject), AgentAccountMailer.InvitationPath, "invitation_token");
        using var anonymous = app.NewClient();

        (await anonymous.PostFormAsync("/agents/password/new", [new("Input.Email", email)])).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var second = LinkIn(await app.LatestMessageToAsync(email, InvitationSubject, count: 2), AgentAccountMailer.InvitationPath, "invitation_token");
        second.Should().NotBe(first);
        app.Smtp.MessagesTo(email).Should().NotContain(m => m.Subject == ResetSubject, "an unactivated agent has no password to reset");
        (await anonymous.GetAsync(first)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a new invitation replaces the link");
        var form = await anonymous.GetAsync(second);
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        (await form.ReadTextAsync()).Should().Contain(email);
        (await UsagerApp.ScalarAsync<bool>("select password_hash is null from identity.agent_accounts where agent_id = @p", agentId)).Should().BeTrue();
    }

    // ---- Invitation ----

    [Test]
    public async Task Accepting_an_invitation_sets_names_and_password_signs_the_agent_in_and_works_once()
    {
        var (agentId, email) = await InvitedAgentAsync("Iris");
        var mail = await app.LatestMessageToAsync(email, InvitationSubject);
        mail.TextBody.Should().Contain("Alice Admin vous a invité").And.Contain("valable jusqu'au");
        var link = LinkIn(mail, AgentAccountMailer.InvitationPath, "invitation_token");
        using var client = app.NewClient();

        var accepted = await client.PostFormAsync(link,
            [new("Input.Token", TokenOf(link)), new("Input.FirstName", "Iris"), new("Input.LastName", "Nouvelle"), new("Input.Password", NewPassword)]);

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().Should().Be("/admin/organisations");
        var home = await client.GetAsync("/admin/organisations");
        home.Headers.Location?.OriginalString.Should().NotContain("sign_in", "the agent is signed in");
        (await client.GetAsync("/agents/edit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await UsagerApp.ScalarAsync<string>("select first_name || ' ' || last_name from organisations.agents where id = @p", agentId)).Should().Be("Iris Nouvelle");
        (await UsagerApp.ScalarAsync<bool>("select invitation_accepted_at is not null and invitation_token_hash is null from identity.agent_accounts where agent_id = @p", agentId)).Should().BeTrue();

        using var other = app.NewClient();
        var again = await other.GetAsync(link);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await again.ReadTextAsync()).Should().Contain(IdentityErrors.InvalidInvitationToken.Message);
        var replay = await other.PostFormAsync("/agents/password/new",
            [new("Input.Token", TokenOf(link)), new("Input.FirstName", "Pirate"), new("Input.LastName", "Pirate"), new("Input.Password", "Autre-Secret-Pirate-1")],
            postUrl: "/agents/invitation/accept");
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replay.ReadTextAsync()).Should().Contain(IdentityErrors.InvalidInvitationToken.Message);
        replay.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await UsagerApp.ScalarAsync<string>("select first_name from organisations.agents where id = @p", agentId)).Should().Be("Iris");
        (await SignInAsync(email, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task An_expired_invitation_gets_a_french_message_and_sets_nothing()
    {
        var (agentId, email) = await InvitedAgentAsync("Oscar");
        var link = LinkIn(await app.LatestMessageToAsync(email, InvitationSubject), AgentAccountMailer.InvitationPath, "invitation_token");
        using var client = app.NewClient();
        var page = await client.GetStringAsync(link);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await client.GetAsync(link);
        expired.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await expired.ReadTextAsync()).Should().Contain("il a déjà été utilisé ou a expiré (il est valable 7 jours)");
        var post = await client.PostAsync("/agents/invitation/accept", new FormUrlEncodedContent(
        [
            new("Input.Token", TokenOf(link)), new("Input.FirstName", "Oscar"), new("Input.LastName", "Tard"), new("Input.Password", NewPassword),
            new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(page)),
        ]));

        post.StatusCode.Should().Be(HttpStatusCode.OK);
        (await post.ReadTextAsync()).Should().Contain(IdentityErrors.InvalidInvitationToken.Message);
        (await UsagerApp.ScalarAsync<bool>("select password_hash is null and invitation_accepted_at is null from identity.agent_accounts where agent_id = @p", agentId)).Should().BeTrue();
    }

    [TestCase("Court-1", "", PasswordPolicy.TooShort)]
    [TestCase("Password123!", "Nom", PasswordPolicy.TooCommon)]
    [TestCase("Bon-Secret-Agent-42", " ", "Le nom est obligatoire.")]
    public async Task A_refused_invitation_form_shows_french_messages_writes_nothing_and_keeps_the_link(string password, string lastName, string message)
    {
        var (agentId, email) = await InvitedAgentAsync("Bea" + Guid.NewGuid().ToString("N")[..4]);
        var link = LinkIn(await app.LatestMessageToAsync(email, InvitationSubject), AgentAccountMailer.InvitationPath, "invitation_token");
        using var client = app.NewClient();

        var response = await client.PostFormAsync(link,
            [new("Input.Token", TokenOf(link)), new("Input.FirstName", "Bea"), new("Input.LastName", lastName), new("Input.Password", password)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await UsagerApp.ScalarAsync<bool>("select password_hash is null and invitation_token_hash is not null from identity.agent_accounts where agent_id = @p", agentId)).Should().BeTrue();
        (await client.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK, "the link still works");
    }

    [Test]
    public async Task Inviting_an_intervenant_or_an_active_agent_is_refused_and_sends_nothing()
    {
        var queued = await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox");
        (await InviteAsync(world.IntervenantA)).Error.Should().Be(InviteAgentHandler.NoEmail);
        (await InviteAsync(world.PmiAgentA.Id)).Error.Should().Be(InviteAgentHandler.AlreadyActive);
        (await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox")).Should().Be(queued);
    }

    // ---- Votre compte, mot de passe, préférences ----

    [Test]
    public async Task Account_pages_need_a_signed_in_agent_and_the_recovery_pages_do_not()
    {
        using var anonymous = app.NewClient();
        foreach (var url in new[] { "/agents/edit", "/agents/mot_de_passe/edit", "/agents/preferences" })
            (await anonymous.GetAsync(url)).Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");
        foreach (var url in new[] { "/agents/password/new", "/agents/password/edit?reset_password_token=x", "/agents/invitation/accept?invitation_token=x" })
            (await anonymous.GetAsync(url)).StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Votre_compte_shows_email_and_services_and_refuses_empty_names_without_writing()
    {
        var agent = await world.AddAgentAsync("Victor", "Compte", world.SocialServiceId, AccessLevels.Basic);
        using var client = await app.Factory.SignedInAgentAsync(agent.Email);
        var page = await client.GetTextAsync("/agents/edit");
        page.Should().Contain(agent.Email).And.Contain("Service social").And.Contain("Changer de mot de passe");

        var refused = await client.PostFormAsync("/agents/edit", [new("Input.FirstName", " "), new("Input.LastName", new string('x', 101))]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadTextAsync()).Should().Contain("Le prénom est obligatoire.").And.Contain("Le nom ne doit pas dépasser 100 caractères.");
        (await UsagerApp.ScalarAsync<string>("select first_name from organisations.agents where id = @p", agent.Id)).Should().Be("Victor");

        var saved = await client.PostFormAsync("/agents/edit", [new("Input.FirstName", " Victorine "), new("Input.LastName", "Compte")]);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<string>("select first_name || ' ' || last_name from organisations.agents where id = @p", agent.Id)).Should().Be("Victorine Compte");
        (await client.GetTextAsync("/agents/edit")).Should().Contain("Votre compte a été mis à jour.");
    }

    [TestCase("pas le bon", NewPassword, NewPassword, "Le mot de passe actuel est incorrect.")]
    [TestCase(BackOfficeWorld.Password, "Court-1", "Court-1", PasswordPolicy.TooShort)]
    [TestCase(BackOfficeWorld.Password, NewPassword, "Autre-Chose-Agent-77", "La confirmation ne correspond pas au nouveau mot de passe.")]
    public async Task A_refused_password_change_shows_its_french_message_and_changes_nothing(string current, string next, string confirmation, string message)
    {
        var agent = await world.AddAgentAsync("Mona" + Guid.NewGuid().ToString("N")[..4], "Motdepasse", world.PmiServiceId, AccessLevels.Basic);
        using var client = await app.Factory.SignedInAgentAsync(agent.Email);
        var hash = await UsagerApp.ScalarAsync<string>("select password_hash from identity.agent_accounts where agent_id = @p", agent.Id);

        var response = await client.PostFormAsync("/agents/mot_de_passe/edit",
            [new("Input.CurrentPassword", current), new("Input.NewPassword", next), new("Input.PasswordConfirmation", confirmation)]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadTextAsync()).Should().Contain(message);
        (await UsagerApp.ScalarAsync<string>("select password_hash from identity.agent_accounts where agent_id = @p", agent.Id)).Should().Be(hash);
    }

    [Test]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var agent = await world.AddAgentAsync("Paula", "Change", world.PmiServiceId, AccessLevels.Basic);
        using var current = await app.Factory.SignedInAgentAsync(agent.Email);
        using var other = await app.Factory.SignedInAgentAsync(agent.Email);
        (await other.GetAsync("/agents/edit")).StatusCode.Should().Be(HttpStatusCode.OK);

        var changed = await current.PostFormAsync("/agents/mot_de_passe/edit",
            [new("Input.CurrentPassword", BackOfficeWorld.Password), new("Input.NewPassword", NewPassword), new("Input.PasswordConfirmation", NewPassword)]);

        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await current.GetAsync("/agents/edit")).StatusCode.Should().Be(HttpStatusCode.OK, "the session that changed it stays open");
        (await other.GetAsync("/agents/edit")).Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");
        (await SignInAsync(agent.Email, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Preferences_are_saved_and_unknown_values_are_refused_without_writing()
    {
        var agent = await world.AddAgentAsync("Nora", "Notif", world.PmiServiceId, AccessLevels.Basic);
        using var client = await app.Factory.SignedInAgentAsync(agent.Email);
        (await client.GetTextAsync("/agents/preferences")).Should().Contain("Uniquement les modifications faites par un usager");

        var refused = await client.PostFormAsync("/agents/preferences",
            [new("Input.RdvNotificationsLevel", "sometimes"), new("Input.PlageOuvertureNotificationLevel", "all"), new("Input.AbsenceNotificationLevel", "")]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadTextAsync()).Should().Contain("Choisissez quand recevoir les e-mails de RDV").And.Contain("e-mails d'indisponibilités");
        (await UsagerApp.ScalarAsync<string>("select rdv_notifications_level || '/' || plage_ouverture_notification_level || '/' || absence_notification_level from organisations.agents where id = @p", agent.Id))
            .Should().Be("others/all/all");

        var saved = await client.PostFormAsync("/agents/preferences",
            [new("Input.RdvNotificationsLevel", "soon"), new("Input.PlageOuvertureNotificationLevel", "none"), new("Input.AbsenceNotificationLevel", "none")]);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<string>("select rdv_notifications_level || '/' || plage_ouverture_notification_level || '/' || absence_notification_level from organisations.agents where id = @p", agent.Id))
            .Should().Be("soon/none/none");
    }

    // ---- helpers ----

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = app.NewClient();
        return await client.PostFormAsync("/agents/sign_in", [new("Input.Email", email), new("Input.Password", password)]);
    }

    /// <summary>A new agent of organisation A without password, invited by AdminA's name.</summary>
    private async Task<(long AgentId, string Email)> InvitedAgentAsync(string firstName)
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@test.rdv-sp.fr";
        long id;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            id = await scope.ServiceProvider.GetRequiredService<IAgentRepository>().AddAsync(
                new NewAgent(null, "Invite", email, [world.PmiServiceId], [new AgentRoleDto(world.OrganisationA, AccessLevels.Basic)]), default);
        (await InviteAsync(id, "Alice Admin")).IsSuccess.Should().BeTrue();
        return (id, email);
    }

    private async Task<Result> InviteAsync(long agentId, string? invitedBy = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteAgentCommand(agentId, invitedBy));
    }

    private static string LinkIn(MimeMessage message, string path, string parameter)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(UsagerApp.BaseUrl + path) + $@"\?{parameter}=[A-Za-z0-9_%-]+");
        match.Success.Should().BeTrue($"the e-mail \"{message.Subject}\" should carry a link to {path}");
        return match.Value[UsagerApp.BaseUrl.Length..];
    }

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]);
}
