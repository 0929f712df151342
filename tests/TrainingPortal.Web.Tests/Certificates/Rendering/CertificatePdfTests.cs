using System.Text;
using TrainingPortal.Web.Features.Certificates;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace TrainingPortal.Web.Tests.Certificates.Rendering;

/// <summary>Renders certificates with the shipped fonts and reads them back with PdfPig.</summary>
public sealed class CertificatePdfTests
{
    private const int MaxBytes = 60 * 1024;

    /// <summary>One renderer for every test, as the app will hold one (it is thread-safe).</summary>
    private static readonly CertificatePdfRenderer Renderer = new();

    private static readonly CertificateContent Sample = new(
        RecipientName: "Zoë Ångström-Nuñez",
        CredentialTitle: "Rostered MIO Clinician",
        ProgramTitle: "MIO Clinician Rostering",
        RuleSetId: "mio-rostering@1",
        AwardedOn: new DateOnly(2026, 3, 14),
        Hours: 16.5m,
        ContinuingEducationHours: 16.5m,
        IssuerName: "Michigan Infant Mental Health Institute",
        SignatoryName: "Dr. Margaret A. Okonkwo",
        SignatoryTitle: "Director of Training",
        Code: "K7QM-3WPX-9HTC",
        VerificationUrl: "https://portal.example.org/certificates/verify/K7QM-3WPX-9HTC",
        Version: 1,
        IssuedOn: new DateOnly(2026, 3, 16));

    /// <summary>150 characters, with many different accented letters (each distinct glyph adds to the file).</summary>
    private const string LongName =
        "Åsa-Þórdís Ærøskøbing Łukasiewicz-Çağdaş Żółkiewska Ščerbová Ðorđević Nguyễn Thị Ħaġar Ŵynne-Ŷsolde Ōtsuka Ūrsulā Ģirts Ķirsons Ëlodie Ñúñez del Íñigo";

    private static (Page Page, PdfDocument Document) Read(byte[] pdf)
    {
        var document = PdfDocument.Open(pdf);
        return (document.GetPage(1), document);
    }

    private static string TextOf(CertificateContent content)
    {
        var (page, document) = Read(Renderer.Render(content));
        using (document)
        {
            return page.Text;
        }
    }

    [Fact]
    public void The_certificate_says_who_what_and_how_to_verify_it()
    {
        var text = TextOf(Sample);

        Assert.Contains("Zoë Ångström-Nuñez", text, StringComparison.Ordinal);
        Assert.Contains("Rostered MIO Clinician", text, StringComparison.Ordinal);
        Assert.Contains("MIO Clinician Rostering", text, StringComparison.Ordinal);
        Assert.Contains("This certifies that", text, StringComparison.Ordinal);
        Assert.Contains("Awarded 14 March 2026", text, StringComparison.Ordinal);
        Assert.Contains("Dr. Margaret A. Okonkwo", text, StringComparison.Ordinal);
        Assert.Contains("Director of Training", text, StringComparison.Ordinal);
        Assert.Contains("Code K7QM-3WPX-9HTC", text, StringComparison.Ordinal);
        Assert.Contains("Verify at https://portal.example.org/certificates/verify/K7QM-3WPX-9HTC", text, StringComparison.Ordinal);
        Assert.Contains("Rule set mio-rostering, version 1", text, StringComparison.Ordinal);
        // The issuer is set in letter-spaced capitals.
        Assert.Contains("MICHIGAN INFANT MENTAL HEALTH INSTITUTE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Re-issued", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_em_dash_title_and_a_name_typed_with_combining_accents_read_back_composed()
    {
        var text = TextOf(Sample with
        {
            RecipientName = "Zoe\u0308 A\u030Angstro\u0308m-Nun\u0303ez",
            CredentialTitle = "Infant Mental Health Endorsement — Level III",
        });

        Assert.Contains("Zoë Ångström-Nuñez", text, StringComparison.Ordinal);
        Assert.Contains("Infant Mental Health Endorsement — Level III", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16.5, 16.5, "16.5 training hours · 16.5 CE hours")]
    [InlineData(40.0, null, "40 training hours")]
    [InlineData(null, 12.25, "12.25 CE hours")]
    [InlineData(1.0, 1.0, "1 training hour · 1 CE hour")]
    public void Hours_lines_appear_only_when_given(double? hours, double? ce, string expected)
    {
        var text = TextOf(Sample with { Hours = (decimal?)hours, ContinuingEducationHours = (decimal?)ce });

        Assert.Contains(expected, text, StringComparison.Ordinal);
        if (hours is null)
        {
            Assert.DoesNotContain("training hour", text, StringComparison.Ordinal);
        }
        if (ce is null)
        {
            Assert.DoesNotContain("CE hour", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_course_certificate_says_readings_and_exercises_do_not_count_for_CE_and_other_programs_say_nothing_of_it()
    {
        var course = TextOf(Sample with { RuleSetId = "imh-course@1", Hours = 16.5m, ContinuingEducationHours = 16.5m });
        Assert.Contains("readings and exercises do not count for CE", course, StringComparison.Ordinal);

        // A participant without a CE licence: the hours line without CE, and the same note.
        Assert.Contains("readings and exercises do not count for CE", TextOf(Sample with { RuleSetId = "imh-course@1", ContinuingEducationHours = null }), StringComparison.Ordinal);
        Assert.DoesNotContain("readings", TextOf(Sample), StringComparison.Ordinal);
        Assert.DoesNotContain("readings", TextOf(Sample with { RuleSetId = "imh-course@1", Hours = null, ContinuingEducationHours = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_hours_there_is_no_hours_line()
    {
        var text = TextOf(Sample with { Hours = null, ContinuingEducationHours = null });

        Assert.DoesNotContain("hour", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reissue_says_when_and_which_version()
    {
        var text = TextOf(Sample with { Version = 3, IssuedOn = new DateOnly(2026, 5, 2), RuleSetId = "imh-endorsement-l3@2" });

        Assert.Contains("Re-issued 2 May 2026 · version 3", text, StringComparison.Ordinal);
        Assert.Contains("Rule set imh-endorsement-l3, version 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_one_landscape_letter_page_well_under_60_KB_with_metadata()
    {
        var pdf = Renderer.Render(Sample);
        var (page, document) = Read(pdf);
        using (document)
        {
            Assert.Equal(1, document.NumberOfPages);
            Assert.Equal(792, page.Width, 0.01);
            Assert.Equal(612, page.Height, 0.01);
            Assert.True(pdf.Length < MaxBytes, $"{pdf.Length} bytes");

            var info = document.Information;
            Assert.Equal("Rostered MIO Clinician — Zoë Ångström-Nuñez", info.Title);
            Assert.Equal("Michigan Infant Mental Health Institute", info.Author);
            Assert.Equal("TrainingPortal", info.Creator);
            Assert.False(string.IsNullOrEmpty(info.Producer));
            Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), info.GetCreatedDateTimeOffset());
        }
    }

    [Fact]
    public void The_same_content_renders_to_the_same_bytes_also_in_parallel()
    {
        var first = Renderer.Render(Sample);
        var others = new byte[8][];
        Parallel.For(0, others.Length, i => others[i] = Renderer.Render(Sample));

        Assert.All(others, other => Assert.Equal(first, other));
    }

    [Fact]
    public void The_stream_overload_writes_the_same_pdf()
    {
        using var output = new MemoryStream();
        Renderer.Render(Sample, output);

        Assert.Equal(Renderer.Render(Sample), output.ToArray());
    }

    [Fact]
    public async Task The_async_overload_writes_the_same_pdf()
    {
        using var output = new MemoryStream();
        await Renderer.RenderAsync(Sample, output);

        Assert.Equal(Renderer.Render(Sample), output.ToArray());
    }

    [Fact]
    public void A_150_character_name_shrinks_to_fit_inside_the_frame_and_reads_back_whole()
    {
        Assert.Equal(150, LongName.Length);
        var pdf = Renderer.Render(Sample with { RecipientName = LongName });
        Assert.True(pdf.Length < MaxBytes, $"{pdf.Length} bytes");

        var (page, document) = Read(pdf);
        using (document)
        {
            var letters = NameLetters(page, LongName);
            Assert.All(letters, letter =>
            {
                // Inside the gold line of the frame (35 pt in from each edge), so inside the page.
                Assert.InRange(letter.BoundingBox.Left, 35, page.Width - 35);
                Assert.InRange(letter.BoundingBox.Right, 35, page.Width - 35);
                Assert.InRange(letter.BoundingBox.Bottom, 35, page.Height - 35);
                Assert.InRange(letter.BoundingBox.Top, 35, page.Height - 35);
            });
            // Still a name one can read: set on two lines, at 18 pt or more (19 pt here).
            Assert.Equal(2, letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count());
            Assert.All(letters, letter => Assert.True(letter.PointSize >= 18, $"{letter.Value} at {letter.PointSize} pt"));
        }
    }

    [Fact]
    public void A_long_name_without_spaces_shrinks_on_one_line_inside_the_frame()
    {
        var name = string.Concat(Enumerable.Repeat("Abcdefghij", 12));
        var (page, document) = Read(Renderer.Render(Sample with { RecipientName = name }));
        using (document)
        {
            var letters = NameLetters(page, name);
            Assert.InRange(letters.Min(l => l.BoundingBox.Left), 35, page.Width - 35);
            Assert.InRange(letters.Max(l => l.BoundingBox.Right), 35, page.Width - 35);
            Assert.Single(letters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct());
        }
    }

    [Fact]
    public void A_short_name_is_centred_on_the_page()
    {
        var (page, document) = Read(Renderer.Render(Sample));
        using (document)
        {
            var letters = NameLetters(page, Sample.RecipientName);
            var left = letters.Min(l => l.StartBaseLine.X);
            var right = letters.Max(l => l.EndBaseLine.X);
            Assert.Equal(page.Width / 2, (left + right) / 2, 1.0);
            Assert.True(letters.All(l => l.PointSize >= 40), "a short name is set large");
        }
    }

    [Theory]
    [InlineData("https://portal.example.org/certificates/verify/K7QM-3WPX-9HTC")]
    [InlineData("https://p.example/v/1")]
    [InlineData("https://training.example.org/certificates/verify/ABCD-EFGH-JKLM?utm_source=certificate&lang=en-US")]
    public void The_qr_runs_are_exactly_the_dark_modules_of_QRCoder_matrix(string url)
    {
        var matrix = CertificateQrCode.Matrix(url);
        var quiet = CertificateQrCode.QuietZone(matrix);
        var qr = CertificateQrCode.For(url);

        Assert.Equal(4, quiet);
        Assert.Equal(matrix.Count - 2 * quiet, qr.Size);
        var dark = matrix.Sum(row => row.Cast<bool>().Count(bit => bit));
        Assert.Equal(dark, qr.Runs.Sum(run => run.Length));
        Assert.True(qr.Runs.Count < dark / 1.5, $"{qr.Runs.Count} runs for {dark} dark modules");

        // Redraw the runs and compare module by module.
        var drawn = new bool[qr.Size, qr.Size];
        foreach (var run in qr.Runs)
        {
            for (var column = run.Column; column < run.Column + run.Length; column++)
            {
                Assert.False(drawn[run.Row, column], "runs overlap");
                drawn[run.Row, column] = true;
            }
        }
        for (var row = 0; row < qr.Size; row++)
        {
            for (var column = 0; column < qr.Size; column++)
            {
                Assert.Equal(matrix[row + quiet][column + quiet], drawn[row, column]);
            }
        }
        // Runs are maximal: two runs in a row never touch.
        Assert.All(qr.Runs.Zip(qr.Runs.Skip(1)), pair =>
        {
            if (pair.First.Row == pair.Second.Row)
            {
                Assert.True(pair.First.Column + pair.First.Length < pair.Second.Column);
            }
        });
    }

    [Theory]
    [InlineData("mio-rostering@1", "Rule set mio-rostering, version 1")]
    [InlineData("imh-endorsement-l4-clinical@12", "Rule set imh-endorsement-l4-clinical, version 12")]
    [InlineData("custom", "Rule set custom")]
    [InlineData("odd@x", "Rule set odd@x")]
    public void Rule_set_ids_are_printed_in_words(string id, string expected) =>
        Assert.Equal(expected, CertificatePdfRenderer.FormatRuleSet(id));

    [Fact]
    public void A_missing_font_folder_fails_at_construction_with_the_path()
    {
        var folder = Path.Combine(Path.GetTempPath(), "no-fonts-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<FileNotFoundException>(() => new CertificatePdfRenderer(folder));
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The page's letters that spell <paramref name="name"/> (spaces ignored), in order.</summary>
    private static List<Letter> NameLetters(Page page, string name)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var text = new StringBuilder();
        var starts = new List<int>();
        foreach (var letter in letters)
        {
            starts.Add(text.Length);
            text.Append(letter.Value);
        }
        var wanted = string.Concat(name.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));
        var at = text.ToString().IndexOf(wanted, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the name is not in the text: {text}");
        var first = starts.IndexOf(at);
        var last = starts.FindLastIndex(s => s < at + wanted.Length);
        return letters.GetRange(first, last - first + 1);
    }
}
