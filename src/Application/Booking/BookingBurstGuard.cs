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
/// The web layer also takes a turn per slot before any per-request work (<see cref="AwaitTurnAsync"/>,
/// ADR 0015): a burst then costs one whole request per slot at a time and instance, not a thousand.
/// </summary>
public sealed class BookingBurstGuard(TimeSpan turnWait)
{
    private const long RememberTakenForMs = 2_000;
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly ConcurrentDictionary<SlotKey, long> taken = new();
    // The slots being confirmed on this instance (AwaitTurnAsync), each with the outcome its waiters await.
    private readonly ConcurrentDictionary<SlotKey, TaskCompletionSource> confirming = new();

    /// <summary>
    /// How long a confirmation waits for another one of the same slot before being told "taken": long
    /// enough for a confirmation on a quiet instance (a few milliseconds), short enough that in a burst
    /// the losers hear "taken" well before the winners' transactions, queued on the agent's lock, end.
    /// </summary>
    public static readonly TimeSpan DefaultTurnWait = TimeSpan.FromMilliseconds(25);

    public BookingBurstGuard() : this(DefaultTurnWait) { }

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

    /// <summary>
    /// Taken by a request before any per-request work is done for it (the web layer does it before the
    /// session, antiforgery and the page). While another request of this instance is confirming the
    /// same slot, waits for its outcome at most the turn wait (<see cref="DefaultTurnWait"/>): then the
    /// slot is known taken, or the caller's turn has come (hold it, dispose it once the confirmation has
    /// run), or the wait ran out and the answer is "taken" too, since someone else is confirming it
    /// right now; if that usager's confirmation fails, the slot is still offered by the search. Exact
    /// slots, not stripes: a wait that ends in "taken" must never be caused by another slot.
    /// </summary>
    public async Task<SlotTurn> AwaitTurnAsync(SlotKey slot, CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + (long)turnWait.TotalMilliseconds;
        while (true)
        {
            if (IsTaken(slot)) return SlotTurn.Taken;
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = confirming.GetOrAdd(slot, mine);
            if (current == mine) return new SlotTurn(false, () =>
            {
                confirming.TryRemove(KeyValuePair.Create(slot, mine));
                mine.SetResult();
            });
            var left = deadline - Environment.TickCount64;
            if (left <= 0) return SlotTurn.Taken;
            try
            {
                await current.Task.WaitAsync(TimeSpan.FromMilliseconds(left), ct);
            }
            catch (TimeoutException)
            {
                return SlotTurn.Taken;
            }
        }
    }

    /// <summary>A request's turn at a slot: <see cref="KnownTaken"/> says the answer is "taken" at once.</summary>
    public sealed class SlotTurn(bool knownTaken, Action? release) : IDisposable
    {
        public static readonly SlotTurn Taken = new(true, null);
        private Action? release = release;

        public bool KnownTaken { get; } = knownTaken;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
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
