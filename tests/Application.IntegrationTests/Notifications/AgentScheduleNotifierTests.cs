using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Notifications.AgentSchedule;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>The plage/absence notifier on the real tables and dispatcher: only back-office changes are told, and only when committed.</summary>
public sealed class AgentScheduleNotifierTests : NotificationsTest
{
    private async Task ChangeAsync(long plageId, long organisationId, bool fromBackOffice, bool commit = true)
    {
        await using var scope = AppScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IAgentScheduleNotifier>()
            .ChangedAsync(AgentScheduleItem.PlageOuverture, plageId, organisationId, AgentScheduleChange.Updated, fromBackOffice, Ct);
        if (commit) await db.CommitAsync(Ct);
        else await db.RollbackAsync(Ct);
    }

    [Test]
    public async Task A_change_through_the_api_or_rolled_back_sends_nothing_a_committed_back_office_change_sends_the_ics()
    {
        var world = await WorldWithMobileAsync();
        var plage = await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2027, 1, 4));

        await ChangeAsync(plage, world.OrganisationId, fromBackOffice: false);
        await ChangeAsync(plage, world.OrganisationId, fromBackOffice: true, commit: false);
        await DispatchAllAsync();

        (await QueryOneAsync<long>("select count(*) from notifications.outbox")).Should().Be(0);
        Emails.Sent.Should().BeEmpty();

        await ChangeAsync(plage, world.OrganisationId, fromBackOffice: true);
        await DispatchAllAsync();

        var mail = Emails.Sent.Should().ContainSingle().Subject;
        mail.To.Should().Be("claire.martin@example.fr");
        mail.Subject.Should().Be("RDV Service Public - Plage d'ouverture modifiée - Permanence");
        mail.TextBody.Should().Contain("Toutes les semaines, le lundi et le mardi et le mercredi et le jeudi et le vendredi")
            .And.Contain("MDS Valence centre, 1 rue Exemple, 26000 Valence").And.Contain("Consultation");
        var evt = Ical.Net.Calendar.Load(mail.Calendar!.Content)!.Events.Single();
        evt.Uid.Should().Be($"plage_ouverture_{plage}@RDV Solidarités");
        evt.RecurrenceRule!.ByDay.Select(d => d.DayOfWeek).Should().HaveCount(5);
        evt.RecurrenceRule.Until.Should().BeNull("open-ended");
        (await QueryOneAsync<string>("select event from notifications.outbox")).Should().Be("plage_ouverture_updated");
        (await QueryOneAsync<long>("select count(*) from notifications.receipts")).Should().Be(0, "agents' e-mails write no receipt");
    }
}
