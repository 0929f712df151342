using BenchmarkDotNet.Attributes;
using TrainingPortal.Web.Certificates;
using TrainingPortal.Web.Certificates.Rendering;

namespace TrainingPortal.Benchmarks.Data;

/// <summary>
/// Renders one certificate PDF with <see cref="CertificatePdfRenderer"/> (one renderer, as the app
/// holds it: fonts loaded once in <see cref="Setup"/>). <c>Typical</c>: an accented name, hours and CE
/// hours; <c>LongName</c>: a 150-character name of many different accented letters (two lines, the
/// most glyphs a name can bring). The PDF's size is printed in the Bytes column.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(BytesColumnConfig))]
public class CertificatePdfBenchmarks : IDisposable
{
    private CertificatePdfRenderer? _renderer;
    private CertificateContent _content = null!;

    [Params("Typical", "LongName")]
    public string Certificate { get; set; } = "Typical";

    internal static CertificateContent Content(string certificate)
    {
        var typical = new CertificateContent(
            "Zoë Ångström-Nuñez", "Rostered MIO Clinician", "MIO Clinician Rostering", "mio-rostering@1",
            new DateOnly(2026, 3, 14), 16.5m, 16.5m, "Michigan Infant Mental Health Institute",
            "Dr. Margaret A. Okonkwo-Lindqvist", "Director of Training", "K7QM-3WPX-9HTC",
            "https://portal.example.org/certificates/verify/K7QM-3WPX-9HTC", 1, new DateOnly(2026, 3, 16));
        return certificate == "Typical"
            ? typical
            : typical with
            {
                RecipientName = "Åsa-Þórdís Ærøskøbing Łukasiewicz-Çağdaş Żółkiewska Ščerbová Ðorđević Nguyễn Thị Ħaġar Ŵynne-Ŷsolde Ōtsuka Ūrsulā Ģirts Ķirsons Ëlodie Ñúñez del Íñigo",
                CredentialTitle = "Infant Mental Health Endorsement — Level III",
                ProgramTitle = "Infant Mental Health Endorsement",
                RuleSetId = "imh-endorsement-l3@2",
                Version = 2,
            };
    }

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new CertificatePdfRenderer();
        _content = Content(Certificate);
    }

    [Benchmark]
    public byte[] Render() => _renderer!.Render(_content);

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _renderer?.Dispose();
        }
    }
}
