using System.Collections.Concurrent;

namespace RdvSP.Application.Booking;

/// <summary>
/// Keeps a burst of confirmations for one slot from becoming a burst of database work. On this
/// instance, attempts at the same slot run one at a time (striped locks, bounded wait), and a slot
/// just refused as taken is refused again for two seconds without any query. So when a thousand
/// usagers confirm the same slot, the database sees one or two attempts per instance and the other
/// usagers are answered at once. The database (agent locks, exclusion constraint) still decides who
/// gets the slot; this only ever says "taken", never "free". A slot freed meanwhile (a
/// cancellation) is offered again two seconds later at most, as if its canceller had been faster.
/// Counted in real elapsed time, not the domain clock: this is about request bursts.
/// </summary>
public sealed class BookingBurstGuard
{
    private const long RememberTakenForMs = 2_000;
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly ConcurrentDictionary<SlotKey, long> taken = new();

    public readonly record struct SlotKey(long MotifId, long? LieuId, DateTimeOffset StartsAt);

    /// <summary>
    /// Runs <paramref name="attempt"/> for the slot unless it is known taken; <paramref name="isTaken"/>
    /// tells whether an outcome means "taken" (then remembered). Ran is false when the slot is known
    /// taken or the wait for the slot's turn ran out (a burst): the caller answers "taken".
    /// </summary>
    public async Task<(bool Ran, T Outcome)> RunAsync<T>(SlotKey slot, Func<Task<T>> attempt, Func<T, bool> isTaken, CancellationToken ct)
    {
        if (IsTaken(slot)) return (false, default!);
        var stripe = stripes[(slot.GetHashCode() & int.MaxValue) % stripes.Length];
        if (!await stripe.WaitAsync(MaxWait, ct)) return (false, default!);
        try
        {
            if (IsTaken(slot)) return (false, default!);
            var outcome = await attempt();
            if (isTaken(outcome)) Remember(slot);
            return (true, outcome);
        }
        finally
        {
            stripe.Release();
        }
    }

    private bool IsTaken(SlotKey slot) => taken.TryGetValue(slot, out var until) && until > Environment.TickCount64;

    private void Remember(SlotKey slot)
    {
        var now = Environment.TickCount64;
        if (taken.Count >= MaxRemembered)
            foreach (var (key, until) in taken)
                if (until <= now) taken.TryRemove(key, out _);
        taken[slot] = now + RememberTakenForMs;
    }
}
