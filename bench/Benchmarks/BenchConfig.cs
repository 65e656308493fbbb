using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace RdvSP.Benchmarks;

/// <summary>
/// A short job (one launch, 5 warm-ups) with 15 measured iterations instead of ShortRun's 3: the build
/// machine is shared, so a few more iterations and the median keep the numbers readable; the whole run
/// stays under ~5 minutes.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(5).WithIterationCount(15).WithId("Short15"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    }
}
