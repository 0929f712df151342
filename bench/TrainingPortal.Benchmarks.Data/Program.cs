using BenchmarkDotNet.Running;
using TrainingPortal.Benchmarks.Data;
using TrainingPortal.Web.Features.Certificates;

// `-- certificate-sample PATH [LongName]` writes the benchmark's certificate to PATH (docs/certificates.md).
if (args is ["certificate-sample", var path, ..])
{
    using var renderer = new CertificatePdfRenderer();
    File.WriteAllBytes(path, renderer.Render(CertificatePdfBenchmarks.Content(args.Length > 2 ? args[2] : "Typical")));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvidenceLoaderBenchmarks).Assembly).Run(args);
