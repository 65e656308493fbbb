using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RdvSP.Drill;

/// <summary>One HTTP answer as the drill saw it: status (0 = no answer), latency, and the phase it fell in.</summary>
public sealed record Sample(int Status, double Ms, string Phase, bool RetryAfter, string Process);

/// <summary>The answers and checks of one drill, printed as one block.</summary>
public sealed class DrillReport(string name)
{
    private readonly ConcurrentBag<Sample> samples = [];
    private readonly List<(string Check, bool Passed, string Detail)> checks = [];
    private readonly List<string> notes = [];

    public string Name => name;

    public IReadOnlyCollection<Sample> Samples => samples;

    public bool Passed => checks.Count > 0 && checks.All(c => c.Passed);

    public void Add(Sample sample) => samples.Add(sample);

    public void Check(string check, bool passed, string detail = "") => checks.Add((check, passed, detail));

    public void Note(string note) => notes.Add(note);

    public void Print(TextWriter output)
    {
        output.WriteLine($"== {name}");
        foreach (var phase in samples.GroupBy(s => s.Phase).OrderBy(g => g.Min(s => s.Phase)))
            output.WriteLine($"   {phase.Key,-26} {Counts(phase)} | {Percentiles(phase.ToList())}");
        foreach (var note in notes)
            output.WriteLine($"   {note}");
        foreach (var (check, passed, detail) in checks)
            output.WriteLine($"   [{(passed ? "PASS" : "FAIL")}] {check}{(detail.Length > 0 ? " — " + detail : "")}");
        output.WriteLine($"   => {(Passed ? "PASS" : "FAIL")}");
    }

    public static string Counts(IEnumerable<Sample> all) =>
        string.Join(" ", all.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "ERR" : g.Key.ToString(CultureInfo.InvariantCulture))}×{g.Count()}"));

    public static string Percentiles(IReadOnlyList<Sample> all) =>
        all.Count == 0 ? "no answers" : $"p50 {P(all, 50):0} ms, p95 {P(all, 95):0} ms, p99 {P(all, 99):0} ms (n={all.Count})";

    public static double P(IReadOnlyList<Sample> all, int percentile)
    {
        if (all.Count == 0) return 0;
        var sorted = all.Select(s => s.Ms).Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}

/// <summary>Times a request and turns it into a <see cref="Sample"/>; a refused connection or a timeout is status 0.</summary>
public static class Timed
{
    public static async Task<(Sample Sample, HttpResponseMessage? Response)> SendAsync(
        Func<Task<HttpResponseMessage>> send, string phase, string process)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await send();
            return (new Sample((int)response.StatusCode, watch.Elapsed.TotalMilliseconds, phase, response.Headers.RetryAfter is not null, process), response);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (new Sample(0, watch.Elapsed.TotalMilliseconds, phase, false, process), null);
        }
    }
}
