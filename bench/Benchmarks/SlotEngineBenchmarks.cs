using BenchmarkDotNet.Attributes;
using RdvSP.Domain.Availability;

namespace RdvSP.Benchmarks;

/// <summary>(a) one agent over 90 and 365 days, with the floor: creating the same output slots and nothing else.</summary>
[Config(typeof(BenchConfig))]
public class OneAgentBenchmarks
{
    private SlotQuery _query = null!;
    private long[] _starts = [];
    private long _duration;

    [Params(90, 365)]
    public int Days { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _query = Scenarios.OneAgent(Days);
        var slots = SlotEngine.Compute(_query);
        _starts = [.. slots.Select(s => s.Start.UtcTicks)];
        _duration = TimeSpan.FromMinutes(30).Ticks;
        Console.WriteLine($"// (a) {Days} days: {slots.Count} slots, {_query.BusyTimes.Count} RDVs, {_query.Absences.Count} absences");
    }

    [Benchmark(Baseline = true, Description = "floor: create the output slots")]
    public Slot[] CreateOutputSlotsOnly()
    {
        var result = new Slot[_starts.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new Slot(new DateTimeOffset(_starts[i], TimeSpan.Zero), new DateTimeOffset(_starts[i] + _duration, TimeSpan.Zero), 1, 10);
        }

        return result;
    }

    [Benchmark(Description = "SlotEngine.Compute")]
    public IReadOnlyList<Slot> Compute() => SlotEngine.Compute(_query);
}

/// <summary>(b) one motif served by 60 lieux × 2 agents over 6 weeks.</summary>
[Config(typeof(BenchConfig))]
public class SixtyLieuxBenchmarks
{
    private SlotQuery _usager = null!;
    private SlotQuery _agent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _usager = Scenarios.SixtyLieux(SlotAudience.Usager);
        _agent = Scenarios.SixtyLieux(SlotAudience.Agent);
        Console.WriteLine($"// (b) usager: {SlotEngine.Compute(_usager).Count} slots; agent: {SlotEngine.Compute(_agent).Count} slots; {_usager.BusyTimes.Count} RDVs");
    }

    [Benchmark(Description = "usager: one slot per start")]
    public IReadOnlyList<Slot> Usager() => SlotEngine.Compute(_usager);

    [Benchmark(Description = "agent: one slot per (start, agent)")]
    public IReadOnlyList<Slot> Agent() => SlotEngine.Compute(_agent);
}

/// <summary>(c) an agent with 28 recurring plages over 7 days.</summary>
[Config(typeof(BenchConfig))]
public class TwentyEightPlagesBenchmarks
{
    private SlotQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _query = Scenarios.TwentyEightPlages();
        Console.WriteLine($"// (c) {SlotEngine.Compute(_query).Count} slots");
    }

    [Benchmark(Description = "28 plages, 7 days")]
    public IReadOnlyList<Slot> Compute() => SlotEngine.Compute(_query);
}

/// <summary>(d) next availability 6 months ahead, fully booked until the last week.</summary>
[Config(typeof(BenchConfig))]
public class NextAvailabilityBenchmarks
{
    private SlotQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _query = Scenarios.FullyBooked();
        Console.WriteLine($"// (d) next: {NextAvailability.Find(_query)?.Start:u}, {_query.BusyTimes.Count} RDVs");
    }

    [Benchmark(Description = "NextAvailability.Find, 6 months")]
    public Slot? Find() => NextAvailability.Find(_query);
}
