using System.Globalization;
using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.BackOffice.Rdvs;

/// <summary>
/// The RDV page's notification history (issue 10, receipts): a manual reminder goes through the outbox,
/// the dispatcher and MailKit to a real SMTP server, and the page then lists what was sent, to whom.
/// </summary>
[TestFixture]
public sealed class RdvNotificationHistoryTests
{
    private FakeSmtpServer smtp = null!;
    private RdvspWebFactory factory = null!;
    private BackOfficeWorld world = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await TestDatabase.ResetAsync();
        smtp = FakeSmtpServer.Start();
        factory = new RdvspWebFactory()
            .WithSmtp(smtp);
        world = await new BackOfficeWorld(factory.Services).CreateAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await factory.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Test]
    public async Task A_reminder_sent_by_the_agent_appears_in_the_history_with_its_recipient()
    {
        using var agent = await factory.SignedInAgentAsync(world.PmiAgentA.Email);
        var page = $"/admin/organisations/{world.OrganisationA}/rdvs/{world.PmiRdvA}";
        (await agent.GetTextAsync(page)).Should().Contain("Aucune notification envoyée pour ce RDV.");

        (await agent.PostFormAsync(page, [], postUrl: page + "?handler=Reminder")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var mail = await smtp.WaitForMessageToAsync(world.UsagerAEmail, TimeSpan.FromSeconds(30));
        mail.Subject.Should().StartWith("[Rappel] RDV le");

        var history = await WaitForHistoryAsync(agent, page, world.UsagerAEmail);
        history.Should().Contain("Historique des notifications").And.Contain("Rappel").And.Contain("E-mail").And.Contain("Envoyé");
    }

    /// <summary>The receipt is written when the dispatcher commits, just after the SMTP server got the mail.</summary>
    private static async Task<string> WaitForHistoryAsync(HttpClient client, string page, string address)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var text = await client.GetTextAsync(page);
            if (text.Contains(address, StringComparison.Ordinal)) return text;
            await Task.Delay(250);
        }
        return await client.GetTextAsync(page);
    }
}
