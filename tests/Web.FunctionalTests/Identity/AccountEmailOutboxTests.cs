using System.Net;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Identity;

/// <summary>
/// Account e-mails go through the outbox: the request only queues them (same work for a known or an
/// unknown e-mail, never a synchronous SMTP call), and they go out once SMTP is reachable.
/// </summary>
[TestFixture]
public sealed class AccountEmailOutboxTests
{
    [Test]
    public async Task Sign_up_and_reset_succeed_while_smtp_is_down_and_the_emails_go_out_once_it_is_back()
    {
        await TestDatabase.ResetAsync();
        await using var smtp = FakeSmtpServer.Start();
        await using var smtpLink = new TcpProxy(smtp.Host, smtp.Port);
        smtpLink.Stop();
        await using var factory = UsagerApp.NewInstance(smtp.Host, smtpLink.Port);
        using var client = UsagerApp.NewClient(factory);
        var email = UsagerApp.NewEmail();

        (await UsagerApp.PostAsync(client, "/users/sign_up", ("Input.FirstName", "Panne"), ("Input.LastName", "Smtp"), ("Input.Email", email)))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.ScalarAsync<long>("select count(*) from identity.usager_accounts a join usagers.users u on u.id = a.user_id where u.email = @p::citext", email))
            .Should().Be(1, "the account is created although SMTP is down");
        (await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", email))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.PostAsync(client, "/users/password/new", ("Input.Email", UsagerApp.NewEmail()))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await UsagerApp.QueuedForAsync(email)).Should().Be(2);
        (await UsagerApp.ScalarAsync<long>("select count(*) from notifications.outbox")).Should().Be(2, "nothing is queued for the unknown e-mail");

        // The dispatcher tried, failed, and keeps the messages for a retry.
        await EventuallyAsync(async () => await UsagerApp.ScalarAsync<long>(
            "select count(*) from notifications.outbox where status = 'pending' and attempts >= 1 and last_error is not null") == 2);
        smtp.Messages.Should().BeEmpty();

        smtpLink.Start();

        await EventuallyAsync(() => Task.FromResult(smtp.MessagesTo(email).Count == 2));
        smtp.MessagesTo(email).Select(m => m.Subject).Should().BeEquivalentTo("Instructions de confirmation", "Instructions de confirmation");
        await EventuallyAsync(async () => await UsagerApp.ScalarAsync<long>(
            "select count(*) from notifications.outbox where status = 'sent' and sent_at is not null and payload is null") == 2);
        smtp.Messages.Select(m => m.MessageId).Should().OnlyHaveUniqueItems()
            .And.OnlyContain(id => id.EndsWith("@rdv-service-public.fr", StringComparison.Ordinal), "the idempotency key is the Message-ID");
    }

    /// <summary>Polls <paramref name="condition"/> for a bounded time (the dispatcher works in the background).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the outbox should have got there within 30 s");
            await Task.Delay(100);
        }
    }
}
