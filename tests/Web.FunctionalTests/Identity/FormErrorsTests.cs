using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>The error summary of the usager forms: neutral wording, fields in form order, focus on it.</summary>
[TestFixture]
public sealed class FormErrorsTests
{
    private RdvspWebFactory factory = null!;

    [OneTimeSetUp]
    public void Start() => factory = new RdvspWebFactory();

    [OneTimeTearDown]
    public async Task Stop() => await factory.DisposeAsync();

    [Test]
    public async Task FailedSignIn_SaysTheFormHasAnError_NotThatSomethingWasNotSaved_AndTakesTheFocus()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/users/sign_in", [new("Input.Email", "personne@example.fr"), new("Input.Password", "pas-le-bon-mot-de-passe")]);

        var page = await response.ReadTextAsync();
        page.Should().Contain("Le formulaire contient une erreur").And.NotContain("enregistrement");
        page.Should().Contain("id=\"form-errors\" tabindex=\"-1\" data-focus-on-load").And.Contain("/js/focus-on-load.js");
    }

    [Test]
    public async Task EmptySignUp_ListsTheErrorsInTheOrderOfTheFields_EachLinkingToItsField()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostFormAsync("/users/sign_up", [new("Input.FirstName", ""), new("Input.LastName", ""), new("Input.Email", "")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await response.ReadTextAsync();
        var summary = page[page.IndexOf("id=\"form-errors\"", StringComparison.Ordinal)..page.IndexOf("<form", StringComparison.Ordinal)];
        var first = summary.IndexOf("href=\"#Input_FirstName\"", StringComparison.Ordinal);
        var last = summary.IndexOf("href=\"#Input_LastName\"", StringComparison.Ordinal);
        var email = summary.IndexOf("href=\"#Input_Email\"", StringComparison.Ordinal);
        first.Should().BeGreaterThan(0);
        last.Should().BeGreaterThan(first);
        email.Should().BeGreaterThan(last);
        summary.Should().Contain("Le formulaire contient 3 erreurs");
    }
}
