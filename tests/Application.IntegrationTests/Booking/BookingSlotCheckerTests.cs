using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RdvSP.Application.Availability.Abstractions;
using RdvSP.Application.Availability.SlotSearch;
using RdvSP.Application.Booking;
using RdvSP.Application.Booking.Abstractions;
using RdvSP.Application.Organisations.Abstractions;

namespace RdvSP.Application.IntegrationTests.Booking;

/// <summary>The final re-check of a booking on the real database: a loser of a race never queues for long.</summary>
public sealed class BookingSlotCheckerTests : DatabaseTest
{
    // Thursday 12 March 2026, 10:00 in Paris: inside the weekly plage (09:00–12:00).
    private static readonly DateTimeOffset Slot = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_free_slot_whose_agent_lock_is_held_elsewhere_is_refused_instead_of_waiting()
    {
        var world = await BookableWorldAsync();
        var holder = NewScope();
        await holder.Db.BeginAsync(Ct);
        (await holder.Get<IRdvRepository>().TryLockAgentsAsync([world.AgentId], TimeSpan.FromSeconds(1), Ct)).Should().BeTrue();

        await Scope.Db.BeginAsync(Ct);
        var whileHeld = await Checker(Scope).LockAndFindFreeAgentsAsync(world.MotifId, world.LieuId, Slot, Ct);
        await Scope.Db.RollbackAsync(Ct);

        whileHeld.Error.Should().Be(BookingUseCaseErrors.SlotContended, "the lock holder never ends: the wait is bounded, and the slot is not called taken");
        await holder.Db.RollbackAsync(Ct);
        await Scope.Db.BeginAsync(Ct);
        var afterwards = await Checker(Scope).LockAndFindFreeAgentsAsync(world.MotifId, world.LieuId, Slot, Ct);
        await Scope.Db.RollbackAsync(Ct);
        afterwards.IsSuccess.Should().BeTrue("the slot was free all along");
        afterwards.Value.FreeAgents.Should().Equal(world.AgentId);
    }

    [Test]
    public async Task A_taken_slot_is_refused_without_taking_the_agent_lock()
    {
        var world = await BookableWorldAsync();
        (await Get<IRdvRepository>().InsertAsync(TestData.UsagerBooking(world, Slot), Ct)).IsSuccess.Should().BeTrue();

        await Scope.Db.BeginAsync(Ct);
        var refused = await Checker(Scope).LockAndFindFreeAgentsAsync(world.MotifId, world.LieuId, Slot, Ct);
        await using var locks = new NpgsqlCommand(
            "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()",
            await Scope.Db.ConnectionAsync(Ct),
            Scope.Db.Transaction);
        var held = (long)(await locks.ExecuteScalarAsync(Ct))!;
        await Scope.Db.RollbackAsync(Ct);

        refused.Error.Should().Be(BookingErrors.SlotUnavailable);
        held.Should().Be(0, "the loser learns the slot is taken before queueing for the agent's lock");
    }

    private async Task<World> BookableWorldAsync()
    {
        var world = await Data.WorldAsync();
        await Data.WeeklyPlageAsync(world.AgentId, world.OrganisationId, world.LieuId, [world.MotifId], new DateOnly(2026, 3, 2));
        return world;
    }

    private static BookingSlotChecker Checker(TestScope scope) => new(
        scope.Get<IOrganisationRepository>(),
        scope.Get<IAvailabilityInputsReader>(),
        scope.Get<IRdvRepository>(),
        new SlotSearcher(scope.Get<IAvailabilityInputsReader>()),
        new FakeTimeProvider(Now));
}
