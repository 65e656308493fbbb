using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.WaitingList;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>
/// The waiting-list job (REFERENCE-DOMAIN §5.9) on the real tables and slot search, then the real dispatcher:
/// at most one notification a day and three in all, e-mail + SMS with the participation link, nothing for
/// phone motifs or RDVs within 7 days.
/// </summary>
public sealed class WaitingListJobTests : NotificationsTest
{
    /// <summary>Three weeks ahead: far enough for the waiting list, with free slots (weekday plage) before it.</summary>
    private static DateTimeOffset InThreeWeeks => NextWeek.AddDays(14);

    private async Task<World> WorldWithPlageAsync()
    {
        var world = await WorldWithMobileAsync();
        await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], DateOnly.FromDateTime(DateTime.UtcNow));
        return world;
    }

    private static Task SubscribeAsync(long rdvId, long userId) =>
        ExecuteAsync("insert into booking.file_attentes (rdv_id, user_id) values (@rdvId, @userId)", new { rdvId, userId });

    private async Task<int> RunJobAsync(TimeProvider clock)
    {
        await using var scope = AppScope();
        return await ActivatorUtilities.CreateInstance<WaitingListNotifications>(scope.ServiceProvider, clock).RunAsync(Ct);
    }

    private static Task<long> WaitingListMessagesAsync() =>
        QueryOneAsync<long>("select count(*) from notifications.outbox where event = 'new_creneau_available'");

    [Test]
    public async Task An_earlier_slot_is_announced_by_email_and_sms_at_most_once_a_day_and_three_times_in_all()
    {
        var world = await WorldWithPlageAsync();
        var rdv = await BookAsync(world, InThreeWeeks);
        await DispatchAllAsync();
        Stub.Clear();
        var waitingListEmails = new RecordingEmailSender();
        await SubscribeAsync(rdv.Id, world.UsagerId);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        (await RunJobAsync(clock)).Should().Be(1);
        (await RunJobAsync(clock)).Should().Be(0, "one notification a day at most");
        await DispatchAllAsync(NewDispatcher(waitingListEmails));

        var mail = waitingListEmails.Sent.Should().ContainSingle().Subject;
        mail.To.Should().Be("lea.durand@example.fr");
        mail.Subject.Should().Be("Un créneau vient de se libérer !");
        var token = await QueryOneAsync<string>("select token from booking.participations where rdv_id = @id", new { id = rdv.Id });
        mail.TextBody.Should().Contain("Des créneaux se sont libérés plus tôt que votre RDV du ")
            .And.Contain($"Vérifier la disponibilité : https://rdv.example.fr/r/{rdv.Id}/{token}/creneaux");
        mail.Calendar.Should().BeNull("the message announces slots, not the RDV");
        var sms = JsonDocument.Parse(Stub.Requests.Should().ContainSingle().Subject.Body).RootElement;
        sms.GetProperty("recipient").GetString().Should().Be("33612345678");
        sms.GetProperty("content").GetString().Should().Be($"RDV PMI: des créneaux se sont libérés. Pour voir les disponibilités: https://rdv.example.fr/r/{rdv.Id}/{token}/creneaux");
        (await QueryAsync<string>("select channel from notifications.receipts where event = 'new_creneau_available' order by channel"))
            .Should().Equal("mail", "sms");
        (await QueryOneAsync<int>("select notifications_sent from booking.file_attentes where rdv_id = @id", new { id = rdv.Id })).Should().Be(1);

        clock.Advance(TimeSpan.FromDays(1));
        (await RunJobAsync(clock)).Should().Be(1);
        clock.Advance(TimeSpan.FromDays(1));
        (await RunJobAsync(clock)).Should().Be(1);
        clock.Advance(TimeSpan.FromDays(1));
        (await RunJobAsync(clock)).Should().Be(0, "three notifications in all");

        (await QueryOneAsync<int>("select notifications_sent from booking.file_attentes where rdv_id = @id", new { id = rdv.Id })).Should().Be(3);
        (await QueryOneAsync<DateTime>("select last_creneau_sent_at from booking.file_attentes where rdv_id = @id", new { id = rdv.Id }))
            .Should().BeCloseTo(clock.GetUtcNow().AddDays(-1).UtcDateTime, TimeSpan.FromMilliseconds(1), "the day of the third notification");
        (await WaitingListMessagesAsync()).Should().Be(6, "three days × (e-mail + SMS)");
    }

    [Test]
    public async Task An_rdv_without_a_free_slot_before_it_is_not_told()
    {
        var world = await WorldWithPlageAsync();
        var rdv = await BookAsync(world, InThreeWeeks);
        await SubscribeAsync(rdv.Id, world.UsagerId);
        // The plage no longer offers the motif: nothing is free before the RDV.
        await ExecuteAsync("delete from availability.motifs_plage_ouvertures where motif_id = @motif", new { motif = world.MotifId });

        (await RunJobAsync(new FakeTimeProvider(DateTimeOffset.UtcNow))).Should().Be(0);

        (await WaitingListMessagesAsync()).Should().Be(0);
        (await QueryOneAsync<int>("select notifications_sent from booking.file_attentes where rdv_id = @id", new { id = rdv.Id })).Should().Be(0);
    }

    [Test]
    public async Task The_phone_and_soon_rdvs_are_skipped_for_their_own_reason_while_slots_exist()
    {
        var world = await WorldWithPlageAsync();
        var phoneMotif = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Entretien téléphonique", "phone");
        await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, null, [phoneMotif], DateOnly.FromDateTime(DateTime.UtcNow));
        long phoneRdv;
        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            phoneRdv = (await scope.ServiceProvider.GetRequiredService<IRdvRepository>()
                .InsertAsync(TestData.UsagerBooking(world, InThreeWeeks) with { MotifId = phoneMotif, LieuId = null }, Ct)).Value.Id;
            await db.CommitAsync(Ct);
        }
        var soon = await BookAsync(world, DateTimeOffset.UtcNow.AddDays(5));
        var eligible = await BookAsync(world, InThreeWeeks.AddHours(1));
        await SubscribeAsync(phoneRdv, world.UsagerId);
        await SubscribeAsync(soon.Id, world.UsagerId);
        await SubscribeAsync(eligible.Id, world.UsagerId);

        (await RunJobAsync(new FakeTimeProvider(DateTimeOffset.UtcNow))).Should().Be(1, "slots exist, yet only the in-person RDV more than 7 days ahead is told");

        (await QueryAsync<long>("select rdv_id from booking.file_attentes where notifications_sent > 0")).Should().Equal(eligible.Id);
        (await QueryAsync<long>("select distinct rdv_id from notifications.outbox where event = 'new_creneau_available'")).Should().Equal(eligible.Id);
    }
}
