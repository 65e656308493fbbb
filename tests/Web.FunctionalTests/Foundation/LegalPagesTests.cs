using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Foundation;

/// <summary>The three footer pages exist, each with its own title, and show the organisation configured.</summary>
[TestFixture]
public sealed partial class LegalPagesTests
{
    private RdvspWebFactory factory = null!;

    [OneTimeSetUp]
    public void Start() => factory = new RdvspWebFactory()
        .WithSetting("LEGAL_PUBLISHER_NAME", "Mairie de Testville")
        .WithSetting("LEGAL_PUBLISHER_ADDRESS", "1 place de la Mairie, 99999 Testville")
        .WithSetting("LEGAL_CONTACT_EMAIL", "accessibilite@testville.example")
        .WithSetting("LEGAL_HOSTING_PROVIDER", "Hébergeur Test, 2 rue du Serveur, 99998 Nuage");

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [TestCase("/accessibilite", "Déclaration d'accessibilité - RDV Service Public")]
    [TestCase("/mentions_legales", "Mentions légales - RDV Service Public")]
    [TestCase("/cgu", "Conditions générales d'utilisation - RDV Service Public")]
    public async Task FooterPage_Is200_WithItsOwnTitle_AndTheConfiguredOrganisation(string path, string title)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.ReadTextAsync();
        TitleOf(page).Should().Be(title);
        page.Should().Contain("Mairie de Testville").And.Contain("mailto:accessibilite@testville.example")
            .And.NotContain("ANCT", "configured values replace the defaults");
        page.Should().Contain($"href=\"{path}\"", "the footer links to the page");
    }

    [Test]
    public async Task LegalNotice_NamesThePublisherAddressAndHost()
    {
        var page = await factory.CreateClient().GetTextAsync("/mentions_legales");

        page.Should().Contain("1 place de la Mairie, 99999 Testville").And.Contain("Hébergeur Test, 2 rue du Serveur, 99998 Nuage");
    }

    [Test]
    public async Task AccessibilityStatement_StatesTheRgaaStatusHonestly_AndItsEvidence()
    {
        var page = await factory.CreateClient().GetTextAsync("/accessibilite");

        page.Should().Contain("est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA)")
            .And.Contain("n'a pas encore fait l'objet d'un audit").And.Contain("axe-core").And.Contain("clavier");
        page.Should().Contain("Accessibilité : non conforme", "the footer says the same as the statement");
    }

    [Test]
    public async Task EachSearchStep_HasItsOwnTitle()
    {
        var client = factory.CreateClient();
        var titles = new List<string>();
        foreach (var path in new[] { "/prendre_rdv", "/prendre_rdv?departement=26", "/accessibilite", "/cgu", "/mentions_legales", "/users/sign_in", "/users/sign_up" })
            titles.Add(TitleOf(await client.GetTextAsync(path)));

        titles.Should().OnlyHaveUniqueItems();
        titles[0].Should().Be("Votre adresse - Prendre rendez-vous - RDV Service Public");
    }

    private static string TitleOf(string page) => TitlePattern().Match(page).Groups[1].Value;

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();
}
