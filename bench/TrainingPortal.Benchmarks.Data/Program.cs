using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TrainingPortal.Benchmarks.Data.EvidenceLoaderBenchmarks).Assembly).Run(args);
