using Npgsql;
using RdvSP.Application.Booking.Abstractions;

namespace RdvSP.Application.IntegrationTests.Booking;

public sealed class RdvRepositoryTests : DatabaseTest
{
    private IRdvRepository Rdvs => Get<IRdvRepository>();

    [Test]
    public async Task Inserted_usager_booking_reads_back_with_agent_participant_and_stable_token()
    {
        var world = await Data.WorldAsync();
        var start = new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(1)); // non-UTC offset on purpose

        var created = await Rdvs.InsertAsync(TestData.UsagerBooking(world, start), Ct);

        created.IsSuccess.Should().BeTrue();
        created.Value.Uuid.Should().NotBeEmpty();
        var rdv = await Rdvs.GetAsync(created.Value.Id, Ct);
        rdv!.StartsAt.Should().Be(start);
        rdv.EndsAt.Should().Be(start.AddMinutes(30));
        rdv.Status.Should().Be(RdvStatuses.Unknown);
        rdv.UsersCount.Should().Be(1);
        rdv.CreatedByType.Should().Be(CreatedByTypes.User);
        rdv.MotifName.Should().Be("Consultation");
        rdv.LieuName.Should().Be("MDS Valence centre");
        rdv.TimeZone.Should().Be("Europe/Paris");
        rdv.Agents.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AgentId = world.AgentId, Exclusive = true });
        var participant = rdv.Participants.Should().ContainSingle().Subject;
        participant.UserId.Should().Be(world.UsagerId);
        participant.Token.Should().HaveLength(24);

        var target = await Rdvs.FindByParticipationTokenAsync(participant.Token, Ct);
        target.Should().BeEquivalentTo(new ParticipationTokenTarget { ParticipationId = participant.ParticipationId, RdvId = rdv.Id, UserId = world.UsagerId });
    }

    [Test]
    public async Task Overlapping_usager_bookings_for_one_agent_are_refused()
    {
        var world = await Data.WorldAsync();
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();

        var overlapping = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 15)), Ct);

        overlapping.IsFailure.Should().BeTrue();
        overlapping.Error.Should().Be(BookingErrors.SlotUnavailable);
        (await CountAsync("booking.rdvs")).Should().Be(1, "the refused rdv is rolled back with its savepoint");
    }

    [Test]
    public async Task Refused_booking_leaves_the_request_transaction_usable()
    {
        var world = await Data.WorldAsync();
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();

        await Scope.Db.BeginAsync(Ct);
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).Error.Should().Be(BookingErrors.SlotUnavailable);
        var secondTry = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 30)), Ct);
        await Scope.Db.CommitAsync(Ct);

        secondTry.IsSuccess.Should().BeTrue("the caller may try another slot in the same transaction");
        (await CountAsync("booking.rdvs")).Should().Be(2);
    }

    [Test]
    public async Task Back_to_back_usager_bookings_are_accepted()
    {
        var world = await Data.WorldAsync();

        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 30)), Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(9, 30)), Ct)).IsSuccess.Should().BeTrue();
    }

    [Test]
    public async Task Agents_may_overlap_on_purpose()
    {
        var world = await Data.WorldAsync();
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();

        (await Rdvs.InsertAsync(TestData.AgentBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.InsertAsync(TestData.AgentBooking(world, At(10, 10)), Ct)).IsSuccess.Should().BeTrue();
    }

    [Test]
    public async Task Other_agents_are_not_blocked()
    {
        var world = await Data.WorldAsync();
        var colleague = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Bernard");
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();

        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0), agentId: colleague), Ct)).IsSuccess.Should().BeTrue();
    }

    [Test]
    public async Task Cancelled_rdv_frees_the_slot()
    {
        var world = await Data.WorldAsync();
        var first = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct);

        var cancelled = await Rdvs.CancelAsync(first.Value.Id, RdvStatuses.Excused, Now, Ct);

        cancelled.IsSuccess.Should().BeTrue();
        var rdv = await Rdvs.GetAsync(first.Value.Id, Ct);
        rdv!.Status.Should().Be(RdvStatuses.Excused);
        rdv.CancelledAt.Should().Be(Now);
        rdv.UsersCount.Should().Be(0);
        rdv.Participants.Should().OnlyContain(p => p.Status == RdvStatuses.Excused);
        rdv.Agents.Should().OnlyContain(a => !a.Exclusive);
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();
    }

    [Test]
    public async Task Cancelling_an_unknown_rdv_reports_not_found()
    {
        (await Rdvs.CancelAsync(404, RdvStatuses.Excused, Now, Ct)).Error.Should().Be(BookingErrors.RdvNotFound);
    }

    [Test]
    public async Task Parallel_bookings_of_one_slot_yield_exactly_one_rdv()
    {
        var world = await Data.WorldAsync();
        var usagers = new List<long>();
        for (var i = 0; i < 10; i++) usagers.Add(await Data.UsagerAsync($"U{i}", "Parallèle"));

        var outcomes = await Task.WhenAll(usagers.Select(async usager =>
        {
            await using var scope = NewScope();
            await scope.Db.BeginAsync(Ct);
            var result = await scope.Get<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, At(10, 0), usagerId: usager), Ct);
            await scope.Db.CommitAsync(Ct);
            return result;
        }));

        outcomes.Count(o => o.IsSuccess).Should().Be(1);
        outcomes.Where(o => o.IsFailure).Should().OnlyContain(o => o.Error == BookingErrors.SlotUnavailable);
        (await CountAsync("booking.rdvs")).Should().Be(1);
    }

    [Test]
    public async Task Moving_an_rdv_checks_the_new_slot_and_replaces_its_agent()
    {
        var world = await Data.WorldAsync();
        var colleague = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Bernard");
        var mine = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct);
        await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(11, 0), agentId: colleague), Ct);

        var conflicting = await Rdvs.MoveAsync(mine.Value.Id, At(11, 15), At(11, 45), colleague, exclusive: true, Ct);
        var moved = await Rdvs.MoveAsync(mine.Value.Id, At(11, 30), At(12, 0), colleague, exclusive: true, Ct);
        var overItsOwnOldSlot = await Rdvs.MoveAsync(mine.Value.Id, At(11, 45), At(12, 15), colleague, exclusive: true, Ct);

        conflicting.Error.Should().Be(BookingErrors.SlotUnavailable);
        moved.IsSuccess.Should().BeTrue();
        overItsOwnOldSlot.IsSuccess.Should().BeTrue("an rdv never conflicts with itself");
        var rdv = await Rdvs.GetAsync(mine.Value.Id, Ct);
        rdv!.StartsAt.Should().Be(At(11, 45));
        rdv.Agents.Should().ContainSingle().Which.AgentId.Should().Be(colleague);
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue("the old slot is free");
    }

    [Test]
    public async Task Moving_a_cancelled_rdv_is_refused()
    {
        var world = await Data.WorldAsync();
        var rdv = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct);
        await Rdvs.CancelAsync(rdv.Value.Id, RdvStatuses.Revoked, Now, Ct);

        (await Rdvs.MoveAsync(rdv.Value.Id, At(11, 0), At(11, 30), world.AgentId, true, Ct)).Error.Should().Be(BookingErrors.RdvCancelled);
    }

    [Test]
    public async Task A_usager_only_reads_rdvs_of_its_family()
    {
        var world = await Data.WorldAsync();
        var child = await Data.UsagerAsync("Tom", "Durand", responsibleId: world.UsagerId);
        var stranger = await Data.UsagerAsync("Paul", "Autre");
        var childRdv = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0), usagerId: child), Ct);

        (await Rdvs.GetForUsagerAsync(childRdv.Value.Id, [world.UsagerId, child], Ct)).Should().NotBeNull();
        (await Rdvs.GetForUsagerAsync(childRdv.Value.Id, [stranger], Ct)).Should().BeNull();
    }

    [Test]
    public async Task Usager_rdv_list_splits_upcoming_and_past()
    {
        var world = await Data.WorldAsync();
        var past = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(9, 0, day: 2)), Ct);
        var later = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0, day: 20)), Ct);
        var soon = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0, day: 12)), Ct);

        var upcoming = await Rdvs.ListForUsagerAsync([world.UsagerId], past: false, Now, 25, 0, Ct);
        var history = await Rdvs.ListForUsagerAsync([world.UsagerId], past: true, Now, 25, 0, Ct);

        upcoming.Select(r => r.Id).Should().Equal(soon.Value.Id, later.Value.Id);
        history.Select(r => r.Id).Should().Equal(past.Value.Id);
        (await Rdvs.ListForUsagerAsync([world.UsagerId], false, Now, 1, 1, Ct)).Select(r => r.Id).Should().Equal(later.Value.Id);
    }

    [Test]
    public async Task Advisory_agent_locks_require_a_transaction()
    {
        var act = () => Rdvs.TryLockAgentsAsync([1, 2], TimeSpan.FromSeconds(1), Ct);
        await act.Should().ThrowAsync<InvalidOperationException>();

        await Scope.Db.BeginAsync(Ct);
        (await Rdvs.TryLockAgentsAsync([2, 1, 2], TimeSpan.FromSeconds(1), Ct)).Should().BeTrue();
        await Scope.Db.CommitAsync(Ct);
    }

    [Test]
    public async Task An_agent_lock_held_elsewhere_is_given_up_after_the_bounded_wait_keeping_nothing_locked()
    {
        var world = await Data.WorldAsync();
        var holder = NewScope();
        await holder.Db.BeginAsync(Ct);
        (await holder.Get<IRdvRepository>().TryLockAgentsAsync([2], TimeSpan.FromSeconds(1), Ct)).Should().BeTrue();

        await Scope.Db.BeginAsync(Ct);
        (await Rdvs.TryLockAgentsAsync([1, 2], TimeSpan.FromMilliseconds(50), Ct)).Should().BeFalse("agent 2 is held by another transaction");
        var other = NewScope();
        await other.Db.BeginAsync(Ct);
        (await other.Get<IRdvRepository>().TryLockAgentsAsync([1], TimeSpan.FromMilliseconds(50), Ct))
            .Should().BeTrue("the lock on agent 1 taken before giving up was released with the savepoint");
        await other.Db.RollbackAsync(Ct);
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue("the transaction stays usable");
        await Scope.Db.CommitAsync(Ct);

        await holder.Db.RollbackAsync(Ct);
        await Scope.Db.BeginAsync(Ct);
        (await Rdvs.TryLockAgentsAsync([1, 2], TimeSpan.FromMilliseconds(50), Ct)).Should().BeTrue();
        await Scope.Db.CommitAsync(Ct);
        (await CountAsync("booking.rdvs")).Should().Be(1);
    }

    [Test]
    public async Task All_agents_booked_only_when_each_has_an_overlapping_exclusive_rdv()
    {
        var world = await Data.WorldAsync();
        var second = await Data.AgentAsync(world.OrganisationId, world.ServiceId, "Bernard");
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0)), Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.InsertAsync(TestData.AgentBooking(world, At(11, 0)), Ct)).IsSuccess.Should().BeTrue();
        var cancelled = await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0), agentId: second), Ct);
        (await Rdvs.CancelAsync(cancelled.Value.Id, RdvStatuses.Excused, Now, Ct)).IsSuccess.Should().BeTrue();

        (await Rdvs.AllAgentsBookedAsync([world.AgentId], At(10, 15), At(10, 45), Ct)).Should().BeTrue();
        (await Rdvs.AllAgentsBookedAsync([world.AgentId, second], At(10, 0), At(10, 30), Ct)).Should().BeFalse("the second agent's rdv is cancelled");
        (await Rdvs.AllAgentsBookedAsync([world.AgentId], At(10, 30), At(11, 0), Ct)).Should().BeFalse("ranges are half-open");
        (await Rdvs.AllAgentsBookedAsync([world.AgentId], At(11, 0), At(11, 30), Ct)).Should().BeFalse("agents' own rdvs are not exclusive");
        (await Rdvs.InsertAsync(TestData.UsagerBooking(world, At(10, 0), agentId: second), Ct)).IsSuccess.Should().BeTrue();
        (await Rdvs.AllAgentsBookedAsync([world.AgentId, second], At(10, 0), At(10, 30), Ct)).Should().BeTrue();
    }

    [Test]
    public async Task The_database_rejects_a_zero_duration_motif()
    {
        var world = await Data.WorldAsync();

        var act = () => Data.MotifAsync(world.OrganisationId, world.ServiceId, "Vide", duration: 0);

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    private static DateTimeOffset At(int hour, int minute, int day = 12) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<long> CountAsync(string table) => IntegrationDatabase.ScalarAsync<long>($"select count(*) from {table}");
}
