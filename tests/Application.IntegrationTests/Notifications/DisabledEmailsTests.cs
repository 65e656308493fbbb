using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>DISABLE_SENDING_EMAILS: e-mails are recorded as not sent, with the reason; SMS are not concerned.</summary>
public sealed class DisabledEmailsTests : NotificationsTest
{
    [Test]
    public async Task With_sending_disabled_no_email_leaves_and_the_usager_receipt_says_why()
    {
        var world = await WorldWithMobileAsync();
        Configuration["DISABLE_SENDING_EMAILS"] = "true";
        var rdv = await BookAsync(world, NextWeek);
        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<INotificationOutbox>()
                .EnqueueEmailAsync(new EmailMessage("nouveau@example.fr", "Instructions de confirmation", "Confirmez : https://rdv.example.fr/x"), Ct);
            await db.CommitAsync(Ct);
        }

        await DispatchAllAsync();

        Emails.Sent.Should().BeEmpty();
        Stub.Requests.Should().ContainSingle(r => r.Provider == "brevo", "SMS go out as usual");
        var rows = await QueryAsync<(string Kind, string Status, string? LastError)>(
            "select kind, status, last_error from notifications.outbox where not reminder order by kind, id");
        rows.Should().Equal(
            ("email", "dropped", "Non envoyé : l'envoi des e-mails est désactivé sur cette instance (DISABLE_SENDING_EMAILS)."),
            ("email", "dropped", "Non envoyé : l'envoi des e-mails est désactivé sur cette instance (DISABLE_SENDING_EMAILS)."),
            ("email", "dropped", "Non envoyé : l'envoi des e-mails est désactivé sur cette instance (DISABLE_SENDING_EMAILS)."),
            ("sms", "sent", null));
        var receipts = await QueryAsync<(string Channel, string Result, string? Address, string? Content, string? Error)>(
            "select channel, result, email_address, content, error_message from notifications.receipts where rdv_id = @id order by channel", new { id = rdv.Id });
        receipts.Should().HaveCount(2);
        receipts[0].Should().Match<(string Channel, string Result, string? Address, string? Content, string? Error)>(r =>
            r.Channel == "mail" && r.Result == "not_sent" && r.Address == "lea.durand@example.fr"
            && r.Content!.StartsWith("RDV confirmé le ", StringComparison.Ordinal)
            && r.Error == "Non envoyé : l'envoi des e-mails est désactivé sur cette instance (DISABLE_SENDING_EMAILS).");
        receipts[1].Result.Should().Be("sent");

        // Switched back on: the next e-mails leave again (the dropped ones stay dropped).
        Configuration["DISABLE_SENDING_EMAILS"] = "false";
        await BookAsync(world, NextWeek.AddHours(2));
        await DispatchAllAsync();
        Emails.Sent.Select(m => m.To).Should().BeEquivalentTo(["lea.durand@example.fr", "claire.martin@example.fr"]);
    }
}
