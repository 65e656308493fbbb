using System.Collections.Concurrent;
using System.Diagnostics;
using RdvSP.Drill;

// The reliability drill (docs/reliability.md). scripts/drill.sh starts PostgreSQL, Redis and two web
// processes, then runs this; each drill breaks something, measures the HTTP answers and checks the
// database. Exit code 0 only when every check of every drill passed.
var pg = Required("DRILL_PG");
var webA = Required("DRILL_WEB_A");
var webB = Required("DRILL_WEB_B");
var ctl = Required("DRILL_CTL");

var total = Stopwatch.StartNew();
Console.WriteLine("== Set-up: organisation, motif, agents, plages and usagers in the seeded database");
await using var world = await World.CreateAsync(pg);
var deskA = await world.AddDeskAsync("Flush", 1, new TimeOnly(9, 0), new TimeOnly(10, 0));
var deskC = await world.AddDeskAsync("Arret", 20, new TimeOnly(8, 0), new TimeOnly(20, 0));
var deskD = await world.AddDeskAsync("Kill", 20, new TimeOnly(8, 0), new TimeOnly(20, 0));
var deskE = await world.AddDeskAsync("Rafale", 1, new TimeOnly(9, 0), new TimeOnly(11, 30));
var deskWarm = await world.AddDeskAsync("Echauffement", 1, new TimeOnly(9, 0), new TimeOnly(9, 30));
var usagers = await world.AddUsagersAsync("exercice", 116);
Console.WriteLine($"   {usagers.Count} usagers, slots: flush {deskA.Slots.Count}, postgres {deskC.Slots.Count}, kill {deskD.Slots.Count}, burst {deskE.Slots.Count} ({total.Elapsed.TotalSeconds:0} s)");

// DRILL_ONLY=ce runs drills c and e only (the others are reported as not run, and the run fails).
var only = Environment.GetEnvironmentVariable("DRILL_ONLY") is { Length: > 0 } letters ? letters : "abcde";
var drills = new (char Letter, string Name, TimeSpan Limit, Func<DrillReport, CancellationToken, Task> Run)[]
{
    ('a', "a. Redis flush (FLUSHALL)", TimeSpan.FromSeconds(60), RedisFlushAsync),
    ('b', "b. Redis outage", TimeSpan.FromSeconds(90), RedisOutageAsync),
    ('c', "c. PostgreSQL immediate stop during bookings", TimeSpan.FromSeconds(120), PostgresStopAsync),
    ('d', "d. Web process killed (SIGKILL) during bookings", TimeSpan.FromSeconds(120), WebKillAsync),
    ('e', "e. 1 000 concurrent confirmations", TimeSpan.FromSeconds(180), BurstAsync),
};
var reports = new List<DrillReport>();
foreach (var (letter, name, limit, run) in drills)
    reports.Add(only.Contains(letter, StringComparison.Ordinal) ? await Bounded(name, limit, run) : new DrillReport(name + " (not run)"));

Console.WriteLine();
Console.WriteLine("== Summary");
foreach (var report in reports)
    Console.WriteLine($"   {(report.Passed ? "PASS" : "FAIL")}  {report.Name}");
Console.WriteLine($"   {reports.Count(r => r.Passed)} of {reports.Count} drills passed in {total.Elapsed.TotalSeconds:0} s");
return reports.All(r => r.Passed) ? 0 : 1;

// (a) The cookie and the forms must survive losing everything in Redis, across processes.
async Task RedisFlushAsync(DrillReport report, CancellationToken ct)
{
    using var usager = new Usager(usagers[0].Id, usagers[0].Email);
    report.Check("sign-in on A", await usager.SignInAsync(webA));
    var (before, _) = await Timed.SendAsync(() => usager.Client.GetAsync($"{webA}/users/rdvs", ct), "1 before flush", "A");
    report.Add(before);
    await Ctl("redis-flush");
    var (rdvsOnB, _) = await Timed.SendAsync(() => usager.Client.GetAsync($"{webB}/users/rdvs", ct), "2 after flush", "B");
    report.Add(rdvsOnB);
    report.Check("same cookie on B after the flush opens /users/rdvs (200)", rdvsOnB.Status == 200, $"got {rdvsOnB.Status}");
    var url = world.WizardUrl(deskA, deskA.Slots[0], usager.Id);
    var token = await usager.ConfirmationTokenAsync($"{webA}{url}");
    report.Check("confirmation form opens on A after the flush", token is not null);
    if (token is null) return;
    var (posted, response) = await Timed.SendAsync(() => usager.ConfirmAsync($"{webB}{url}", token), "2 after flush", "B");
    report.Add(posted);
    var rdvId = Usager.AcknowledgedRdvId(response);
    report.Check("form from A posted on B is accepted (booking acknowledged)", rdvId is not null, $"got {posted.Status}");
    await world.CheckDatabaseAsync(report, [deskA.AgentId], rdvId is { } id ? [id] : []);
}

// (b) With Redis down, public pages and a signed-in page keep answering, fast, on both processes.
async Task RedisOutageAsync(DrillReport report, CancellationToken ct)
{
    using var usager = new Usager(usagers[1].Id, usagers[1].Email);
    using var anonymous = new Usager(0, "");
    report.Check("sign-in on A before the outage", await usager.SignInAsync(webA));
    var paths = new[] { "/", "/prendre_rdv?departement=975", "/health/live" };
    async Task RoundAsync(string phase)
    {
        foreach (var (process, baseUrl) in new[] { ("A", webA), ("B", webB) })
        {
            foreach (var path in paths)
                report.Add((await Timed.SendAsync(() => anonymous.Client.GetAsync(baseUrl + path, ct), phase, process)).Sample);
            report.Add((await Timed.SendAsync(() => usager.Client.GetAsync($"{baseUrl}/users/rdvs", ct), phase, process)).Sample with { Phase = phase + " (signed in)" });
        }
    }
    await RoundAsync("1 redis up");
    await Ctl("redis-stop");
    try
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(8) && !ct.IsCancellationRequested)
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RoundAsync("2 redis down")));
    }
    finally
    {
        await Ctl("redis-start");
    }
    await RoundAsync("3 redis back");
    var down = report.Samples.Where(s => s.Phase.StartsWith("2 redis down", StringComparison.Ordinal)).ToList();
    var p95 = DrillReport.P(down, 95);
    report.Check("while Redis is down: p95 < 500 ms", p95 < 500, $"p95 {p95:0} ms");
    var not2xx = down.Count(s => s.Status is < 200 or >= 300);
    report.Check("while Redis is down: every answer 2xx (public and signed-in pages)", not2xx == 0,
        not2xx == 0 ? $"{down.Count} answers" : $"{not2xx} of {down.Count} were not 2xx: {DrillReport.Counts(down.Where(s => s.Status is < 200 or >= 300))}");
    var errors = report.Samples.Count(s => s.Status >= 500 || s.Status == 0);
    report.Check("no 5xx or unanswered request", errors == 0, $"{errors}");
}

// (c) pg_ctl -m immediate stop under a booking load: 503 + Retry-After while down, nothing acknowledged lost.
async Task PostgresStopAsync(DrillReport report, CancellationToken ct)
{
    var load = await BookingLoadAsync(report, usagers.Skip(2).Take(6).ToList(), deskC, ct);
    var phase = load.Phase;
    await Task.Delay(TimeSpan.FromSeconds(3), ct);
    phase.Value = "2 stopping";
    await Ctl("pg-crash");
    phase.Value = "3 postgres down";
    await Task.Delay(TimeSpan.FromSeconds(5), ct);
    phase.Value = "4 restarting";
    await Ctl("pg-start");
    phase.Value = "5 after restart";
    await Task.Delay(TimeSpan.FromSeconds(6), ct);
    await load.StopAsync();

    var down = report.Samples.Where(s => s.Phase == "3 postgres down").ToList();
    var notRetryable = down.Count(s => s.Status != 503 || !s.RetryAfter);
    report.Check("while down: every answer is 503 with Retry-After", down.Count > 0 && notRetryable == 0,
        notRetryable == 0 ? $"{down.Count} answers" : $"{notRetryable} of {down.Count} were not: {DrillReport.Counts(down.Where(s => s.Status != 503 || !s.RetryAfter))}");
    var fivehundreds = report.Samples.Count(s => s.Status >= 500 && s.Status != 503);
    report.Check("no 500 in any phase", fivehundreds == 0, $"{fivehundreds}");
    var after = load.AcknowledgedIn("5 after restart");
    report.Check("bookings acknowledged again after the restart", after > 0, $"{after}");
    await world.CheckDatabaseAsync(report, [deskC.AgentId], load.Acknowledged);
}

// (d) SIGKILL of process A under a booking load through both processes, then A restarted.
async Task WebKillAsync(DrillReport report, CancellationToken ct)
{
    var load = await BookingLoadAsync(report, usagers.Skip(8).Take(6).ToList(), deskD, ct);
    var phase = load.Phase;
    await Task.Delay(TimeSpan.FromSeconds(3), ct);
    await Ctl("web-kill", "A");
    phase.Value = "2 A killed";
    await Task.Delay(TimeSpan.FromSeconds(4), ct);
    phase.Value = "3 A restarting";
    await Ctl("web-start", "A");
    phase.Value = "4 A restarted";
    await Task.Delay(TimeSpan.FromSeconds(5), ct);
    await load.StopAsync();

    var onB = report.Samples.Where(s => s.Phase == "2 A killed" && s.Process == "B").ToList();
    var bFailures = onB.Count(s => s.Status is 0 or >= 500);
    report.Check("B keeps answering while A is dead", onB.Count > 0 && bFailures == 0, $"{bFailures} of {onB.Count} failed on B");
    var fivehundreds = report.Samples.Count(s => s.Status >= 500);
    report.Check("no 5xx in any phase (A's dead socket counts as ERR)", fivehundreds == 0, $"{fivehundreds}");
    var restarted = report.Samples.Count(s => s.Phase == "4 A restarted" && s.Process == "A" && s.Status is >= 300 and < 400);
    report.Check("A books again once restarted", restarted > 0, $"{restarted} acknowledged on A");
    await world.CheckDatabaseAsync(report, [deskD.AgentId], load.Acknowledged);
}

// (e) 1 000 confirmations at once on 10 slots of one agent, through both processes. As 1 000 people
// would: each confirmation from its own browser tab (its own kept-alive connection) that opened the
// confirmation step, 10 tabs per usager; all click at the same moment.
async Task BurstAsync(DrillReport report, CancellationToken ct)
{
    const int confirmations = 1000;
    await WarmUpAsync(report);
    var burstUsagers = usagers.Skip(14).Take(100).Select(u => new Usager(u.Id, u.Email)).ToList();
    var signedIn = new ConcurrentDictionary<int, string>();
    await Parallel.ForEachAsync(Enumerable.Range(0, burstUsagers.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, _) =>
    {
        var baseUrl = i % 2 == 0 ? webA : webB;
        if (await burstUsagers[i].SignInAsync(baseUrl)) signedIn[i] = baseUrl;
    });
    report.Check("every usager signed in", signedIn.Count == burstUsagers.Count, $"{signedIn.Count} of {burstUsagers.Count}");
    var tabs = new ConcurrentDictionary<int, (HttpClient Tab, string BaseUrl, string Url, string Token)>();
    await Parallel.ForEachAsync(Enumerable.Range(0, confirmations).Where(j => signedIn.ContainsKey(j % burstUsagers.Count)),
        new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (j, _) =>
    {
        var u = j % burstUsagers.Count;
        var baseUrl = signedIn[u];
        var url = baseUrl + world.WizardUrl(deskE, deskE.Slots[j % deskE.Slots.Count], burstUsagers[u].Id);
        var tab = burstUsagers[u].NewTab();
        var token = await Usager.ConfirmationTokenAsync(tab, url);
        if (token is not null) tabs[j] = (tab, baseUrl, url, token);
        else tab.Dispose();
    });
    report.Check("every tab opened the confirmation step", tabs.Count == confirmations, $"{tabs.Count} of {confirmations}");

    var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var acknowledged = new ConcurrentBag<long>();
    var tasks = tabs.Values.Select(async t =>
    {
        await start.Task;
        var (sample, response) = await Timed.SendAsync(() => Usager.ConfirmAsync(t.Tab, t.Url, t.Token), "burst", t.BaseUrl == webA ? "A" : "B");
        if (Usager.AcknowledgedRdvId(response) is { } id) acknowledged.Add(id);
        report.Add(sample);
        response?.Dispose();
    }).ToList();
    var wall = Stopwatch.StartNew();
    start.SetResult();
    await Task.WhenAll(tasks);
    report.Note($"{tasks.Count} confirmations answered in {wall.Elapsed.TotalSeconds:0.0} s ({tasks.Count / wall.Elapsed.TotalSeconds:0} per second over both processes)");
    foreach (var t in tabs.Values) t.Tab.Dispose();

    // Then 50 usagers, one after the other, confirm slots the burst has taken: the loser's own cost, without the queue.
    foreach (var j in tabs.Keys.Order().Take(50))
    {
        var u = j % burstUsagers.Count;
        var (_, baseUrl, url, token) = tabs[j];
        var (sample, response) = await Timed.SendAsync(() => burstUsagers[u].ConfirmAsync(url, token), "late, one at a time", baseUrl == webA ? "A" : "B");
        report.Add(sample);
        response?.Dispose();
    }
    burstUsagers.ForEach(u => u.Dispose());

    report.Check($"exactly {deskE.Slots.Count} acknowledged", acknowledged.Count == deskE.Slots.Count, $"{acknowledged.Count}");
    var live = await world.ScalarAsync("""
        select count(*) from booking.agents_rdvs ar join booking.rdvs r on r.id = ar.rdv_id
         where ar.agent_id = @agentE and r.cancelled_at is null
        """, "agentE", deskE.AgentId);
    report.Check($"exactly {deskE.Slots.Count} rdvs in the database", live == deskE.Slots.Count, $"{live}");
    var losers = report.Samples.Where(s => s.Phase == "burst" && s.Status is < 300 or >= 400).ToList();
    var notConflict = losers.Count(s => s.Status != 409);
    report.Check("every loser is told 409 « créneau plus disponible »", notConflict == 0, $"{notConflict} of {losers.Count} were not 409");
    var p95 = DrillReport.P(losers, 95);
    report.Check("losers answered with p95 < 200 ms", losers.Count > 0 && p95 < 200, $"p95 {p95:0} ms over {losers.Count} losers");
    var late = report.Samples.Where(s => s.Phase != "burst").ToList();
    var lateP95 = DrillReport.P(late, 95);
    report.Check("late confirmations of taken slots: all 409, p95 < 200 ms", late.Count > 0 && late.All(s => s.Status == 409) && lateP95 < 200,
        $"{DrillReport.Counts(late)}, p95 {lateP95:0} ms");
    await world.CheckDatabaseAsync(report, [deskE.AgentId], acknowledged.ToList());
}

// A serving instance has booked and refused before a burst comes; a process just started has not, and
// its first bookings compile the booking path (the JIT) while the burst waits. So that (e) measures the
// same thing alone (DRILL_ONLY=e) as after drills a–d, each process first books one slot of another
// agent and refuses the other process's slot twice (once from the database, once known taken).
async Task WarmUpAsync(DrillReport report)
{
    using var onA = new Usager(usagers[114].Id, usagers[114].Email);
    using var onB = new Usager(usagers[115].Id, usagers[115].Email);
    var statuses = new List<int>();
    if (!await onA.SignInAsync(webA) || !await onB.SignInAsync(webB))
    {
        report.Check("warm-up: both usagers signed in", false, "sign-in refused");
        return;
    }
    foreach (var (usager, baseUrl, slot) in new[] { (onA, webA, 0), (onB, webB, 1), (onA, webA, 1), (onA, webA, 1), (onB, webB, 0), (onB, webB, 0) })
    {
        var url = baseUrl + world.WizardUrl(deskWarm, deskWarm.Slots[slot], usager.Id);
        // A taken slot's step shows no form: the token of the usager's own page is as good (it is the usager's).
        var token = Usager.AntiforgeryToken(await usager.Client.GetStringAsync(baseUrl + "/users/rdvs"));
        using var response = await usager.ConfirmAsync(url, token);
        statuses.Add((int)response.StatusCode);
    }
    report.Check("warm-up: each process booked once and refused twice", statuses.SequenceEqual([302, 302, 409, 409, 409, 409]), string.Join(" ", statuses));
}

// Usagers booking one slot after another through A and B alternately until stopped; a slot whose
// answer was not a clear yes or no (503, no answer) goes back to the queue.
async Task<BookingLoad> BookingLoadAsync(DrillReport report, IReadOnlyList<(long Id, string Email)> who, Desk desk, CancellationToken ct)
{
    var load = new BookingLoad(desk.Slots);
    var clients = new List<(Usager Usager, string Token)>();
    foreach (var (id, email) in who)
    {
        var usager = new Usager(id, email);
        var token = await usager.SignInAsync(webA) ? await usager.ConfirmationTokenAsync(webA + world.WizardUrl(desk, desk.Slots[^1], id)) : null;
        if (token is null) { usager.Dispose(); continue; }
        clients.Add((usager, token));
    }
    report.Check("load usagers signed in", clients.Count == who.Count, $"{clients.Count} of {who.Count}");
    load.Run(clients.Select((c, w) => Task.Run(async () =>
    {
        for (var n = w; !load.Stopping.IsCancellationRequested && !ct.IsCancellationRequested; n++)
        {
            if (!load.Slots.TryDequeue(out var slot)) break;
            var (process, baseUrl) = n % 2 == 0 ? ("A", webA) : ("B", webB);
            var phase = load.Phase.Value;
            var (sample, response) = await Timed.SendAsync(() => c.Usager.ConfirmAsync(baseUrl + world.WizardUrl(desk, slot, c.Usager.Id), c.Token), phase, process);
            report.Add(sample);
            if (Usager.AcknowledgedRdvId(response) is { } rdvId) load.Acknowledge(rdvId, phase);
            else if (sample.Status is 0 or >= 500) load.Slots.Enqueue(slot);
            response?.Dispose();
            await Task.Delay(100, CancellationToken.None);
        }
        c.Usager.Dispose();
    })));
    return load;
}

async Task<DrillReport> Bounded(string name, TimeSpan limit, Func<DrillReport, CancellationToken, Task> drill)
{
    var report = new DrillReport(name);
    using var cts = new CancellationTokenSource(limit);
    var watch = Stopwatch.StartNew();
    try
    {
        var run = drill(report, cts.Token);
        if (await Task.WhenAny(run, Task.Delay(limit + TimeSpan.FromSeconds(15))) != run)
            report.Check($"finished within {limit.TotalSeconds:0} s", false, "timed out");
        else
            await run;
    }
    catch (Exception e)
    {
        report.Check("ran to the end", false, $"{e.GetType().Name}: {e.Message}");
    }
    Console.WriteLine();
    report.Print(Console.Out);
    Console.WriteLine($"   ({watch.Elapsed.TotalSeconds:0} s)");
    return report;
}

async Task Ctl(params string[] args)
{
    using var process = Process.Start(new ProcessStartInfo("bash", [ctl, "ctl", .. args]) { RedirectStandardOutput = false })!;
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"drill.sh ctl {string.Join(' ', args)} failed ({process.ExitCode})");
}

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set (run scripts/drill.sh).");

/// <summary>A running booking load: its phase label, slot queue, acknowledged rdvs, and a way to stop it.</summary>
internal sealed class BookingLoad(IReadOnlyList<DateTimeOffset> slots)
{
    private readonly ConcurrentBag<(long RdvId, string Phase)> acknowledged = [];
    private Task workers = Task.CompletedTask;

    public ConcurrentQueue<DateTimeOffset> Slots { get; } = new(slots);
    public CancellationTokenSource Stopping { get; } = new();
    public PhaseLabel Phase { get; } = new("1 before");
    public IReadOnlyCollection<long> Acknowledged => acknowledged.Select(a => a.RdvId).ToList();

    public void Acknowledge(long rdvId, string phase) => acknowledged.Add((rdvId, phase));
    public int AcknowledgedIn(string phase) => acknowledged.Count(a => a.Phase == phase);
    public void Run(IEnumerable<Task> tasks) => workers = Task.WhenAll(tasks);

    public async Task StopAsync()
    {
        await Stopping.CancelAsync();
        await workers;
    }
}

internal sealed class PhaseLabel(string initial)
{
    private volatile string value = initial;
    public string Value { get => value; set => this.value = value; }
}
