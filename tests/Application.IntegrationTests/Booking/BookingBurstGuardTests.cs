using RdvSP.Application.Booking;

namespace RdvSP.Application.IntegrationTests.Booking;

/// <summary>
/// The turn a confirmation takes at its slot before any work is done for it (BookingBurstGuard.AwaitTurnAsync):
/// what a second confirmation of the same slot is told while the first runs, after it, and for other slots.
/// </summary>
public sealed class BookingBurstGuardTests
{
    private static readonly BookingBurstGuard.SlotKey Slot = new(7, 3, new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private static readonly BookingBurstGuard.SlotKey OtherSlot = Slot with { StartsAt = Slot.StartsAt.AddMinutes(30) };

    // A wait no test reaches, so "still waiting" never depends on the machine's speed.
    private static BookingBurstGuard PatientGuard() => new(TimeSpan.FromMinutes(5));

    [Test]
    public async Task A_slot_refused_as_taken_is_known_taken_at_the_next_turn()
    {
        var guard = PatientGuard();
        var (ran, _) = await guard.RunAsync(Slot, () => Task.FromResult("taken"), outcome => outcome == "taken", CancellationToken.None);

        using var turn = await guard.AwaitTurnAsync(Slot, CancellationToken.None);

        ran.Should().BeTrue();
        turn.KnownTaken.Should().BeTrue();
        using var other = await guard.AwaitTurnAsync(OtherSlot, CancellationToken.None);
        other.KnownTaken.Should().BeFalse("only that slot was refused");
    }

    [Test]
    public async Task A_second_confirmation_waiting_for_the_first_learns_the_slot_was_taken()
    {
        var guard = PatientGuard();
        var first = await guard.AwaitTurnAsync(Slot, CancellationToken.None);
        first.KnownTaken.Should().BeFalse();

        var second = guard.AwaitTurnAsync(Slot, CancellationToken.None);
        second.IsCompleted.Should().BeFalse("the first confirmation of the slot is still running");
        await guard.RunAsync(Slot, () => Task.FromResult("taken"), outcome => outcome == "taken", CancellationToken.None);
        first.Dispose();

        (await second).KnownTaken.Should().BeTrue();
    }

    [Test]
    public async Task When_the_first_confirmation_ends_without_taking_the_slot_the_next_one_gets_its_turn()
    {
        var guard = PatientGuard();
        var first = await guard.AwaitTurnAsync(Slot, CancellationToken.None);
        var second = guard.AwaitTurnAsync(Slot, CancellationToken.None);

        // The first usager was refused for a reason of his own (not "taken"): nothing is remembered.
        await guard.RunAsync(Slot, () => Task.FromResult("participant not in family"), outcome => outcome == "taken", CancellationToken.None);
        first.Dispose();
        using var turn = await second;

        turn.KnownTaken.Should().BeFalse();
        var third = guard.AwaitTurnAsync(Slot, CancellationToken.None);
        third.IsCompleted.Should().BeFalse("the second now holds the slot's turn");
        turn.Dispose();
        (await third).KnownTaken.Should().BeFalse();
    }

    [Test]
    public async Task A_confirmation_that_outlasts_the_turn_wait_makes_the_others_hear_taken()
    {
        var guard = new BookingBurstGuard(TimeSpan.FromMilliseconds(10));
        using var first = await guard.AwaitTurnAsync(Slot, CancellationToken.None);

        // The first never ends here: the wait is bounded by TurnWait, and its answer is "taken".
        using var second = await guard.AwaitTurnAsync(Slot, CancellationToken.None);

        second.KnownTaken.Should().BeTrue();
    }

    [Test]
    public async Task Another_slot_never_waits_for_a_turn_held_on_this_one()
    {
        var guard = PatientGuard();
        using var first = await guard.AwaitTurnAsync(Slot, CancellationToken.None);

        var other = guard.AwaitTurnAsync(OtherSlot, CancellationToken.None);

        other.IsCompleted.Should().BeTrue("slots are keyed exactly, not by stripes that two slots could share");
        (await other).KnownTaken.Should().BeFalse();
    }

    [Test]
    public async Task A_turn_disposed_twice_releases_the_slot_once()
    {
        var guard = PatientGuard();
        var first = await guard.AwaitTurnAsync(Slot, CancellationToken.None);
        first.Dispose();
        var second = await guard.AwaitTurnAsync(Slot, CancellationToken.None);

        first.Dispose();
        var third = guard.AwaitTurnAsync(Slot, CancellationToken.None);

        third.IsCompleted.Should().BeFalse("the second still holds the turn: the first's second dispose released nothing");
        second.Dispose();
        (await third).KnownTaken.Should().BeFalse();
    }
}
