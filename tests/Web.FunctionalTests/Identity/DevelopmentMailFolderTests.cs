using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using MimeKit;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>
/// `make run` has no SMTP server: with MAIL_PICKUP_DIRECTORY each e-mail lands in a folder as a .eml
/// file, and the confirmation link it carries works, so a newcomer can create an account locally.
/// </summary>
[TestFixture]
public sealed partial class DevelopmentMailFolderTests
{
    [Test]
    public async Task SignUp_ConfirmationMailIsWrittenToTheFolder_AndItsLinkConfirmsTheAccount()
    {
        await TestDatabase.ResetAsync();
        var folder = Directory.CreateTempSubdirectory("rdvsp-mails-").FullName;
        try
        {
            await using var factory = new RdvspWebFactory()
                .WithSetting("MAIL_PICKUP_DIRECTORY", folder)
                .WithSetting("OUTBOX_DISPATCH_IN_WEB", "true")
                .WithSetting("APP_BASE_URL", "http://localhost:5000");
            using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var email = $"nouvel.usager.{Guid.NewGuid():N}@exemple.fr";

            var signUp = await client.PostFormAsync("/users/sign_up",
                [new("Input.FirstName", "Nina"), new("Input.LastName", "Morel"), new("Input.Email", email)]);
            signUp.StatusCode.Should().Be(HttpStatusCode.Redirect);

            var message = await WaitForMailAsync(folder);
            message.To.Mailboxes.Single().Address.Should().Be(email);
            var link = ConfirmationLink().Match(message.TextBody ?? "");
            link.Success.Should().BeTrue("the e-mail carries the confirmation link");
            var path = link.Value["http://localhost:5000".Length..];
            var token = Uri.UnescapeDataString(path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            var confirmed = await client.PostFormAsync(path, [new("Input.Token", token), new("Input.Password", UsagerApp.GoodPassword)]);
            confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirmed.ReadTextAsync());
            (await UsagerApp.ScalarAsync<DateTime?>(
                "select a.email_confirmed_at from identity.usager_accounts a join usagers.users u on u.id = a.user_id where u.email = @p::citext", email))
                .Should().NotBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<MimeMessage> WaitForMailAsync(string folder)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.GetFiles(folder, "*.eml").FirstOrDefault() is { } file)
                return await MimeMessage.LoadAsync(file);
            await Task.Delay(100);
        }
        throw new AssertionException("no e-mail was written to the development folder");
    }

    [GeneratedRegex(@"http://localhost:5000/users/confirmation\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex ConfirmationLink();
}
