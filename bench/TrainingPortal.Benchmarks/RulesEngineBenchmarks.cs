using BenchmarkDotNet.Attributes;
using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Benchmarks;

/// <summary>Evaluates 10,000 MIO rostering enrollments (the admin queue's worst case) under <c>mio-rostering@1</c>.</summary>
[MemoryDiagnoser]
public class RulesEngineBenchmarks
{
    private Evidence[] _evidence = [];
    private RuleSet _ruleSet = null!;

    /// <summary>Enrollments per invocation.</summary>
    [Params(10_000)]
    public int Enrollments { get; set; }

    /// <summary>Builds the data set (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ruleSet = RuleSetCatalog.Default.Get("mio-rostering", 1);
        _evidence = MioEvidenceGenerator.Generate(Enrollments);
    }

    /// <summary>Full verdicts (every requirement with figures, explanations, forecasts and findings).</summary>
    [Benchmark]
    public int EvaluateAll()
    {
        var eligible = 0;
        foreach (var e in _evidence)
        {
            if (RuleEvaluator.Evaluate(_ruleSet, e, MioEvidenceGenerator.AsOf).Status == OverallStatus.Eligible)
            {
                eligible++;
            }
        }
        return eligible;
    }
}
