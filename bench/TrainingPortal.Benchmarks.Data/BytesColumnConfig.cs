using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Benchmarks.Data;

/// <summary>Adds a "PDF bytes" column: the size of the certificate the benchmark case renders.</summary>
public sealed class BytesColumnConfig : ManualConfig
{
    public BytesColumnConfig() => AddColumn(new PdfBytesColumn());

    private sealed class PdfBytesColumn : IColumn
    {
        public string Id => nameof(PdfBytesColumn);
        public string ColumnName => "PDF bytes";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Size;
        public string Legend => "Size of the rendered certificate PDF";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var certificate = (string)benchmarkCase.Parameters["Certificate"];
            using var renderer = new CertificatePdfRenderer();
            return renderer.Render(CertificatePdfBenchmarks.Content(certificate)).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
