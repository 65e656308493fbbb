using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(RdvSP.Benchmarks.Scenarios).Assembly).Run(args);
