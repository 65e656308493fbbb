using System.Text.Json;
using FluentAssertions;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Booking.CancelUsagerRdv;
using RdvSP.Application.Booking.JoinCollectiveRdv;
using RdvSP.Application.Booking.MoveUsagerRdv;
using RdvSP.Application.Notifications;
using RdvSP.Domain.Notifications;
using RdvSP.Infrastructure.Persistence;
using RdvSP.TestKit;

namespace RdvSP.Application.IntegrationTests.Notifications;

/// <summary>RDV changes recorded in the outbox with the change, then rendered and sent by the dispatcher, with receipts.</summary>
public sealed class RdvNotificationsTests : NotificationsTest
{
    [Test]
    public async Task A_committed_booking_sends_the_usager_email_with_ics_the_sms_and_the_agent_email_with_receipts()
    {
        var world = await WorldWithMobileAsync();
        var start = NextWeek;

        var rdv = await BookAsync(world, start);
        await DispatchAllAsync();

        var usagerMail = Emails.Sent.Should().ContainSingle(m => m.To == "lea.durand@example.fr").Subject;
        usagerMail.Subject.Should().StartWith("RDV confirmé le ");
        usagerMail.TextBody.Should().Contain("a été confirmé").And.Contain("Consultation").And.Contain($"https://rdv.example.fr/r/{rdv.Id}/{await TokenAsync(rdv.Id)}");
        usagerMail.HtmlBody.Should().Contain("<html lang=\"fr\">");
        usagerMail.ReplyTo.Should().Be($"rdv+{rdv.Uuid}@reply.rdv-service-public.fr");
        var ics = Calendar.Load(usagerMail.Calendar!.Content)!;
        usagerMail.Calendar.Method.Should().Be("PUBLISH");
        var evt = ics.Events.Should().ContainSingle().Subject;
        evt.Uid.Should().Be(rdv.Uuid.ToString());
        evt.DtStart!.TzId.Should().Be("Europe/Paris");
        evt.DtStart.AsUtc.Should().Be(start.UtcDateTime);
        evt.Status.Should().Be("CONFIRMED");
        evt.Location.Should().Be("1 rue Exemple, 26000 Valence");

        var agentMail = Emails.Sent.Should().ContainSingle(m => m.To == "claire.martin@example.fr").Subject;
        agentMail.Subject.Should().StartWith("Nouveau RDV ajouté sur votre agenda");
        agentMail.Calendar!.Method.Should().Be("REQUEST");
        Calendar.Load(agentMail.Calendar.Content)!.Events.Single().Attendees.Select(a => a.Value!.ToString()).Should().Equal("mailto:claire.martin@example.fr");

        var sms = Stub.Requests.Should().ContainSingle().Subject;
        sms.Path.Should().Be("/v3/transactionalSMS/sms");
        using var json = JsonDocument.Parse(sms.Body);
        json.RootElement.GetProperty("recipient").GetString().Should().Be("33612345678");
        json.RootElement.GetProperty("content").GetString().Should().StartWith("RDV PMI ").And.Contain($"Infos et annulation: https://rdv.example.fr/r/{rdv.Id}/{await TokenAsync(rdv.Id)} ");

        var receipts = await QueryAsync<(string Channel, string Result, string? SmsProvider, int? SmsCount, string Event)>(
            "select channel, result, sms_provider, sms_count, event from notifications.receipts where rdv_id = @id order by channel", new { id = rdv.Id });
        receipts.Should().Equal(("mail", "processed", null, null, "rdv_created"), ("sms", "sent", "send_in_blue", 2, "rdv_created"));
        (await QueryOneAsync<long>("select count(*) from notifications.outbox where status = 'sent' and payload is null")).Should().Be(3);
    }

    [Test]
    public async Task A_rolled_back_booking_tells_nobody()
    {
        var world = await WorldWithMobileAsync();

        await BookAsync(world, NextWeek, commit: false);
        await DispatchAllAsync();

        (await QueryOneAsync<long>("select count(*) from notifications.outbox")).Should().Be(0);
        Emails.Sent.Should().BeEmpty();
        Stub.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Booking_plans_the_reminder_48_hours_before_which_goes_once_due()
    {
        var world = await WorldWithMobileAsync();
        var start = NextWeek;

        var rdv = await BookAsync(world, start);

        var reminders = await QueryAsync<(string Kind, DateTime NextAttemptAt)>(
            "select kind, next_attempt_at from notifications.outbox where reminder and rdv_id = @id order by kind", new { id = rdv.Id });
        reminders.Should().Equal(("email", start.AddHours(-48).UtcDateTime), ("sms", start.AddHours(-48).UtcDateTime));
        await DispatchAllAsync();
        Emails.Sent.Should().NotContain(m => m.Subject.StartsWith("[Rappel]", StringComparison.Ordinal), "the reminder is not due yet");

        await ExecuteAsync("update notifications.outbox set next_attempt_at = now() where reminder");
        await DispatchAllAsync();

        Emails.Sent.Should().ContainSingle(m => m.Subject.StartsWith("[Rappel] RDV le ", StringComparison.Ordinal));
        Stub.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("content").GetString()).Should().Contain(c => c!.StartsWith("Rappel RDV PMI le ", StringComparison.Ordinal));
        (await QueryOneAsync<long>("select count(*) from notifications.receipts where event = 'rdv_upcoming_reminder'")).Should().Be(2);
    }

    [Test]
    public async Task No_reminder_when_booked_less_than_the_organisation_lead_ahead()
    {
        var world = await WorldWithMobileAsync();
        await ExecuteAsync("update organisations.organisations set reminder_lead_hours = 24");

        var soon = await BookAsync(world, DateTimeOffset.UtcNow.AddHours(20));
        var later = await BookAsync(world, NextWeek);

        (await QueryOneAsync<long>("select count(*) from notifications.outbox where reminder and rdv_id = @id", new { id = soon.Id })).Should().Be(0);
        (await QueryAsync<DateTime>("select next_attempt_at from notifications.outbox where reminder and rdv_id = @id", new { id = later.Id }))
            .Should().AllSatisfy(at => at.Should().Be(NextWeek.AddHours(-24).UtcDateTime));
    }

    [Test]
    public async Task Usager_cancellation_sends_the_cancellation_emails_no_sms_and_drops_the_reminders()
    {
        var world = await WorldWithMobileAsync();
        var rdv = await BookAsync(world, NextWeek);
        await DispatchAllAsync();
        Emails.Sent.Should().HaveCount(2);
        Stub.Requests.Should().HaveCount(1);

        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            var handler = ActivatorUtilities.CreateInstance<CancelUsagerRdvHandler>(scope.ServiceProvider);
            (await handler.Handle(new CancelUsagerRdvCommand(world.UsagerId, rdv.Id), Ct)).IsSuccess.Should().BeTrue();
            await db.CommitAsync(Ct);
        }
        await DispatchAllAsync();

        var cancelled = Emails.Sent.Should().ContainSingle(m => m.To == "lea.durand@example.fr" && m.Subject.StartsWith("RDV annulé le ", StringComparison.Ordinal)).Subject;
        cancelled.TextBody.Should().Contain("a été annulé à votre demande");
        cancelled.Calendar!.Method.Should().Be("CANCEL");
        Calendar.Load(cancelled.Calendar.Content)!.Events.Single().Status.Should().Be("CANCELLED");
        Emails.Sent.Should().ContainSingle(m => m.To == "claire.martin@example.fr" && m.Subject.StartsWith("RDV annulé", StringComparison.Ordinal))
            .Which.TextBody.Should().Contain("annulé par l'usager");
        Stub.Requests.Should().HaveCount(1, "a usager who cancels gets no SMS");
        (await QueryOneAsync<long>("select count(*) from notifications.outbox where reminder")).Should().Be(0, "the reminders are dropped");
    }

    [Test]
    public async Task Moving_re_plans_the_reminder_and_sends_the_updated_messages_with_a_higher_sequence()
    {
        var world = await WorldWithMobileAsync();
        var start = NextWeek;
        await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], DateOnly.FromDateTime(DateTime.UtcNow.Date));
        var rdv = await BookAsync(world, start);
        await DispatchAllAsync();
        var firstSequence = Calendar.Load(Emails.Sent.First(m => m.To == "lea.durand@example.fr").Calendar!.Content)!.Events.Single().Sequence;
        // A later change: the RDV's updated_at moves on (SEQUENCE is the seconds between creation and last change).
        await ExecuteAsync("update booking.rdvs set created_at = created_at - interval '1 hour' where id = @id", new { id = rdv.Id });

        var local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var weekday = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? local.AddDays(local.DayOfWeek == DayOfWeek.Saturday ? 2 : 1) : local;
        var newStart = new DateTimeOffset(weekday.Year, weekday.Month, weekday.Day, 9, 30, 0, weekday.Offset);
        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            var handler = ActivatorUtilities.CreateInstance<MoveUsagerRdvHandler>(scope.ServiceProvider);
            var moved = await handler.Handle(new MoveUsagerRdvCommand(world.UsagerId, rdv.Id, newStart), Ct);
            moved.IsSuccess.Should().BeTrue(moved.IsFailure ? moved.Error.Message : "");
            await db.CommitAsync(Ct);
        }

        (await QueryAsync<DateTime>("select next_attempt_at from notifications.outbox where reminder and status = 'pending'"))
            .Should().HaveCount(2).And.OnlyContain(at => at == newStart.AddHours(-48).UtcDateTime);
        await DispatchAllAsync();
        var updated = Emails.Sent.Should().ContainSingle(m => m.To == "lea.durand@example.fr" && m.Subject.EndsWith(" modifié", StringComparison.Ordinal)).Subject;
        updated.TextBody.Should().Contain("a été modifié").And.Contain("09h30");
        var evt = Calendar.Load(updated.Calendar!.Content)!.Events.Single();
        evt.Uid.Should().Be(rdv.Uuid.ToString());
        evt.Sequence.Should().BeGreaterThan(firstSequence);
        Stub.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("content").GetString()).Should().Contain(c => c!.StartsWith("RDV modifié: PMI ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Notify_flags_off_tell_the_usager_nothing()
    {
        var world = await WorldWithMobileAsync();
        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            var booking = TestData.AgentBooking(world, NextWeek) with
            {
                Participants = [new NewParticipation(world.UsagerId, SendLifecycleNotifications: false, SendReminderNotification: false, CreatedByTypes.Agent, world.AgentId)],
            };
            var created = (await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(booking, Ct)).Value;
            await scope.ServiceProvider.GetRequiredService<IRdvNotifier>().RdvChangedAsync(created.Id, new RdvEvent.Created(), Author.Agent(world.AgentId), Ct);
            await db.CommitAsync(Ct);
        }

        await DispatchAllAsync();

        Emails.Sent.Should().BeEmpty("the usager's flags are off and the agent made the change himself (level others)");
        Stub.Requests.Should().BeEmpty();
        (await QueryOneAsync<long>("select count(*) from notifications.outbox")).Should().Be(0);
    }

    [Test]
    public async Task A_relative_is_notified_through_its_responsible_and_overseas_mobiles_get_sms()
    {
        var world = await WorldWithMobileAsync("+262692123456");
        var child = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        var booking = TestData.UsagerBooking(world, NextWeek, usagerId: child) with { CreatedById = world.UsagerId };
        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            var created = (await scope.ServiceProvider.GetRequiredService<IRdvRepository>().InsertAsync(booking, Ct)).Value;
            await scope.ServiceProvider.GetRequiredService<IRdvNotifier>().RdvChangedAsync(created.Id, new RdvEvent.Created(), Author.Usager(world.UsagerId), Ct);
            await db.CommitAsync(Ct);
        }

        await DispatchAllAsync();

        Emails.Sent.Should().ContainSingle(m => m.To == "lea.durand@example.fr").Which.TextBody.Should().Contain("Tom Durand");
        JsonDocument.Parse(Stub.Requests.Single().Body).RootElement.GetProperty("recipient").GetString().Should().Be("262692123456");
    }

    [Test]
    public async Task Landline_numbers_get_no_sms()
    {
        var world = await WorldWithMobileAsync("+33475000000");

        await BookAsync(world, NextWeek);
        await DispatchAllAsync();

        Stub.Requests.Should().BeEmpty();
        Emails.Sent.Should().HaveCount(2);
    }

    [Test]
    public async Task Joining_a_collective_rdv_tells_the_new_participant_and_the_agents_of_the_new_participation()
    {
        var world = await WorldWithMobileAsync();
        var motif = await Data.MotifAsync(world.OrganisationId, world.ServiceId, "Atelier parentalité", collectif: true, duration: 90);
        await ExecuteAsync("update organisations.agents set rdv_notifications_level = 'all' where id = @id", new { id = world.AgentId });
        var start = NextWeek;
        var rdvId = (await Scope.Get<IRdvRepository>().InsertAsync(
            new NewRdv(world.OrganisationId, motif, world.LieuId, start, start.AddMinutes(90), [world.AgentId], [],
                CreatedByTypes.Agent, world.AgentId, ExclusiveForAgents: false, Name: "Atelier des parents", MaxParticipantsCount: 5),
            Ct)).Value.Id;

        await using (var scope = AppScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await db.BeginAsync(Ct);
            var handler = ActivatorUtilities.CreateInstance<JoinCollectiveRdvHandler>(scope.ServiceProvider);
            var joined = await handler.Handle(new JoinCollectiveRdvCommand(world.UsagerId, rdvId, world.UsagerId), Ct);
            joined.IsSuccess.Should().BeTrue(joined.IsFailure ? joined.Error.Message : "");
            await db.CommitAsync(Ct);
        }
        await DispatchAllAsync();

        Emails.Sent.Should().ContainSingle(m => m.To == "lea.durand@example.fr").Which.TextBody.Should().Contain("Atelier parentalité : Atelier des parents");
        Emails.Sent.Should().ContainSingle(m => m.To == "claire.martin@example.fr").Which.Subject.Should().StartWith("Nouvelle participation au RDV collectif du ");
        JsonDocument.Parse(Stub.Requests.Single().Body).RootElement.GetProperty("content").GetString().Should().StartWith("RDV PMI : Atelier des parents, ");
        (await QueryOneAsync<long>("select count(*) from notifications.outbox where reminder and status = 'pending'")).Should().Be(2);
    }

    private static Task<string> TokenAsync(long rdvId) =>
        QueryOneAsync<string>("select token from booking.participations where rdv_id = @rdvId", new { rdvId });
}
