using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TrainingPortal.Benchmarks.RulesEngineBenchmarks).Assembly).Run(args);
