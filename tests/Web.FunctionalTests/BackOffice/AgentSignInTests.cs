using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice;

/// <summary>Agents' sign-in, their own cookie apart from usagers', and the organisation check of every back-office URL.</summary>
[TestFixture]
public sealed class AgentSignInTests
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

    [Test]
    public async Task An_agent_with_one_organisation_lands_on_his_agenda()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var home = await client.GetAsync("/admin");
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().Be($"/admin/organisations/{world.OrganisationA}/agent_agendas/{world.PmiAgentA.Id}");
    }

    [Test]
    public async Task A_wrong_password_is_refused_with_a_french_message()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/agents/sign_in", [new("Input.Email", world.PmiAgentA.Email), new("Input.Password", "pas le bon")]);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadTextAsync()).Should().Contain("Adresse e-mail ou mot de passe incorrect");
        (await client.GetAsync("/admin/organisations")).Headers.Location!.OriginalString.Should().StartWith("http://localhost/agents/sign_in");
    }

    [Test]
    public async Task A_usager_cookie_opens_nothing_in_the_back_office_and_the_agent_sign_in_asks_him_to_sign_out()
    {
        using var client = await factory.SignedInClientAsync(world.UsagerAEmail, BackOfficeWorld.Password);
        var admin = await client.GetAsync($"/admin/organisations/{world.OrganisationA}");
        admin.StatusCode.Should().Be(HttpStatusCode.Redirect);
        admin.Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");

        var signIn = await client.GetAsync("/agents/sign_in");
        signIn.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await signIn.ReadTextAsync()).Should().Contain("Déconnectez-vous d'abord de votre compte usager");
        var token = HtmlForms.AntiforgeryToken(await signIn.Content.ReadAsStringAsync());
        var post = await client.PostAsync("/agents/sign_in", new FormUrlEncodedContent(
            [new("Input.Email", world.PmiAgentA.Email), new("Input.Password", BackOfficeWorld.Password), new("__RequestVerificationToken", token)]));
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        post.Headers.Contains("Set-Cookie").Should().BeFalse("no agent session is opened for a signed-in usager");
    }

    [Test]
    public async Task An_agent_cookie_is_not_a_usager_session()
    {
        using var client = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var rdvs = await client.GetAsync("/users/rdvs");
        rdvs.StatusCode.Should().Be(HttpStatusCode.Redirect);
        rdvs.Headers.Location!.OriginalString.Should().Contain("/users/sign_in");
    }

    [Test]
    public async Task An_agent_of_another_organisation_gets_a_french_403()
    {
        using var client = await factory.SignedInAgentAsync(world.AdminB.Email);
        var response = await client.GetAsync($"/admin/organisations/{world.OrganisationA}");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.ReadTextAsync()).Should().Contain("Accès refusé");
    }

    [Test]
    public async Task An_agent_of_two_organisations_chooses_one_then_signing_out_ends_his_session()
    {
        using var client = await factory.SignedInAgentAsync(world.TwoOrganisationsAgent.Email);
        (await client.GetAsync("/admin")).Headers.Location!.OriginalString.Should().Be("/admin/organisations");
        var home = await client.GetAsync("/admin/organisations");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await home.ReadTextAsync();
        text.Should().Contain($"MDS Alpha").And.Contain("MDS Beta").And.Contain("Se déconnecter");

        var signOut = await client.PostFormAsync("/admin/organisations", [], postUrl: "/agents/sign_out");
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/admin/organisations")).Headers.Location!.OriginalString.Should().Contain("/agents/sign_in");
    }
}
