using System.Globalization;
using SkiaSharp;
using TrainingPortal.Web.Transcripts;

namespace TrainingPortal.Web.Certificates.Rendering;

/// <summary>
/// The training transcript: the certificate's fonts and two-pass subsetting, on US Letter portrait pages — a header,
/// the licences with their CE credit, totals per renewal year, then every activity in a table that continues over as
/// many pages as it needs (its header repeated), each page footed with the name, the date and "page i of n".
/// </summary>
public sealed partial class CertificatePdfRenderer
{
    internal const float TranscriptPageWidth = 612f, TranscriptPageHeight = 792f;
    private const float TMargin = 54f, TBottom = TranscriptPageHeight - 64f, TWidth = TranscriptPageWidth - 2 * TMargin;
    private const float BodySize = 10f, SmallBodySize = 8.5f, RowHeight = 14f;

    // Table columns (x of each column's left edge; hours right-aligned at their right edge).
    private const float ColDate = TMargin, ColActivity = TMargin + 62f, ColKind = TMargin + 300f, ColHoursRight = TMargin + TWidth - 44f, ColCeRight = TMargin + TWidth;

    /// <summary>The transcript as PDF bytes, headed with <paramref name="issuerName"/>.</summary>
    public byte[] RenderTranscript(Transcript transcript, string issuerName)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var pages = PlanTranscript(transcript);
        var issued = transcript.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Training transcript — {transcript.Name}",
            Author = issuerName,
            Subject = "Training transcript",
            Creator = "TrainingPortal",
            Producer = "TrainingPortal certificate renderer (SkiaSharp/Skia PDF)",
            Creation = issued,
            Modified = issued,
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = 101,
        };

        var regularCharacters = new HashSet<int>();
        var italicCharacters = new HashSet<int>(" ".EnumerateRunes().Select(r => r.Value));
        using (var nothing = new SKNoDrawCanvas((int)TranscriptPageWidth, (int)TranscriptPageHeight))
        using (var layout = new Page(nothing, _regular.Typeface, _italic.Typeface, regularCharacters, italicCharacters))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                layout.DrawTranscriptPage(transcript, issuerName, pages[i], i, pages.Count);
            }
        }
        using var regular = _regular.Subset(regularCharacters);
        using var italic = _italic.Subset(italicCharacters);
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(TranscriptPageWidth, TranscriptPageHeight);
                using (var page = new Page(canvas, regular, italic, null, null))
                {
                    page.DrawTranscriptPage(transcript, issuerName, pages[i], i, pages.Count);
                }
                document.EndPage();
            }
            document.Close();
        }
        using var data = stream.DetachAsData();
        return data.ToArray();
    }

    /// <summary>What one transcript page holds, top to bottom, each block at its baseline.</summary>
    private sealed record TranscriptBlock(TranscriptBlockKind Kind, float Y, string Text = "", TranscriptLine? Line = null, TranscriptYear? Year = null,
        TranscriptLicence? Licence = null);

    private enum TranscriptBlockKind { Header, Section, Note, Licence, YearHeader, Year, TableHeader, Line, NoLines }

    /// <summary>Places every block with a cursor; a block that would cross the bottom margin starts a new page (the table's header repeated).</summary>
    private List<List<TranscriptBlock>> PlanTranscript(Transcript t)
    {
        var pages = new List<List<TranscriptBlock>> { new() };
        var y = TMargin;
        void Add(TranscriptBlockKind kind, float height, string text = "", TranscriptLine? line = null, TranscriptYear? year = null, TranscriptLicence? licence = null,
            bool repeatTableHeader = false)
        {
            if (y + height > TBottom)
            {
                pages.Add([]);
                y = TMargin;
                if (repeatTableHeader)
                {
                    pages[^1].Add(new TranscriptBlock(TranscriptBlockKind.TableHeader, y + 12f));
                    y += 20f;
                }
            }
            pages[^1].Add(new TranscriptBlock(kind, y + height - 4f, text, line, year, licence));
            y += height;
        }

        Add(TranscriptBlockKind.Header, 96f);
        using var font = new SKFont(_italic.Typeface) { Size = SmallBodySize, LinearMetrics = true, Subpixel = true };
        foreach (var noteLine in Wrap(font, t.CeNote, TWidth))
        {
            Add(TranscriptBlockKind.Note, 12f, noteLine);
        }
        y += 8f;
        Add(TranscriptBlockKind.Section, 24f, "Licences");
        if (t.Licences.Count == 0)
        {
            Add(TranscriptBlockKind.Note, 14f, "No licence is recorded on your profile, so no CE credit is shown.");
        }
        foreach (var l in t.Licences)
        {
            Add(TranscriptBlockKind.Licence, RowHeight, licence: l);
        }
        Add(TranscriptBlockKind.Section, 28f, "Hours per renewal year");
        Add(TranscriptBlockKind.YearHeader, 18f);
        foreach (var year in t.Years)
        {
            Add(TranscriptBlockKind.Year, RowHeight, year: year);
        }
        Add(TranscriptBlockKind.Section, 28f, "Every activity");
        if (t.Lines.Count == 0)
        {
            Add(TranscriptBlockKind.NoLines, RowHeight, "No training activity is recorded yet.");
        }
        else
        {
            Add(TranscriptBlockKind.TableHeader, 20f);
            foreach (var line in t.Lines)
            {
                Add(TranscriptBlockKind.Line, RowHeight, line: line, repeatTableHeader: true);
            }
        }
        return pages;
    }

    private static List<string> Wrap(SKFont font, string text, float width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }
        if (current.Length > 0)
        {
            lines.Add(current);
        }
        return lines;
    }

    private sealed partial class Page
    {
        public void DrawTranscriptPage(Transcript t, string issuerName, List<TranscriptBlock> blocks, int index, int count)
        {
            foreach (var b in blocks)
            {
                switch (b.Kind)
                {
                    case TranscriptBlockKind.Header:
                        Draw(_regular, 9f, issuerName.ToUpperInvariant(), TMargin, b.Y - 78f, SKTextAlign.Left, _navy);
                        Draw(_regular, 24f, "Training transcript", TMargin, b.Y - 48f, SKTextAlign.Left, _navy);
                        Fitted(_regular, 16f, t.Name, TMargin, b.Y - 24f, TWidth, SKTextAlign.Left, _ink);
                        Draw(_regular, BodySize, string.Create(CultureInfo.InvariantCulture,
                            $"As of {FormatDate(t.AsOf)} · {t.Lines.Count} {(t.Lines.Count == 1 ? "activity" : "activities")} · {Transcript.Hours(t.Lines.Where(l => l.Source != TranscriptSource.LoggedPending).Sum(l => l.Hours))} hours (verified)"),
                            TMargin, b.Y - 6f, SKTextAlign.Left, _muted);
                        Rule(TMargin, TMargin + TWidth, b.Y + 2f, 0.8f, Gold);
                        break;
                    case TranscriptBlockKind.Section:
                        Draw(_regular, 13f, b.Text, TMargin, b.Y, SKTextAlign.Left, _navy);
                        break;
                    case TranscriptBlockKind.Note:
                    case TranscriptBlockKind.NoLines:
                        Draw(_italic, SmallBodySize, b.Text, TMargin, b.Y, SKTextAlign.Left, _muted);
                        break;
                    case TranscriptBlockKind.Licence:
                        Draw(_regular, BodySize, b.Licence!.Kind, TMargin, b.Y, SKTextAlign.Left, _ink);
                        Fitted(_regular, BodySize, b.Licence.Explanation, TMargin + 90f, b.Y, TWidth - 90f, SKTextAlign.Left, b.Licence.EarnsCe ? _ink : _muted);
                        break;
                    case TranscriptBlockKind.YearHeader:
                        Draw(_regular, SmallBodySize, "Year", TMargin, b.Y, SKTextAlign.Left, _muted);
                        Draw(_regular, SmallBodySize, "In the portal", TMargin + 180f, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, SmallBodySize, "Logged, verified", TMargin + 290f, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, SmallBodySize, "Total", TMargin + 360f, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, SmallBodySize, "Not verified yet", TMargin + 450f, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, SmallBodySize, "CE", TMargin + TWidth, b.Y, SKTextAlign.Right, _muted);
                        Rule(TMargin, TMargin + TWidth, b.Y + 4f, 0.5f, Muted);
                        break;
                    case TranscriptBlockKind.Year:
                        var y = b.Year!;
                        Draw(_regular, BodySize, y.Year.ToString(CultureInfo.InvariantCulture), TMargin, b.Y, SKTextAlign.Left, _ink);
                        Draw(_regular, BodySize, Transcript.Hours(y.PortalHours), TMargin + 180f, b.Y, SKTextAlign.Right, _ink);
                        Draw(_regular, BodySize, Transcript.Hours(y.LoggedHours), TMargin + 290f, b.Y, SKTextAlign.Right, _ink);
                        Draw(_regular, BodySize, Transcript.Hours(y.Total), TMargin + 360f, b.Y, SKTextAlign.Right, _ink);
                        Draw(_regular, BodySize, Transcript.Hours(y.PendingHours), TMargin + 450f, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, BodySize, y.CeHours is { } ce ? Transcript.Hours(ce) : "—", TMargin + TWidth, b.Y, SKTextAlign.Right, _ink);
                        break;
                    case TranscriptBlockKind.TableHeader:
                        Draw(_regular, SmallBodySize, "Date", ColDate, b.Y, SKTextAlign.Left, _muted);
                        Draw(_regular, SmallBodySize, "Activity", ColActivity, b.Y, SKTextAlign.Left, _muted);
                        Draw(_regular, SmallBodySize, "Kind", ColKind, b.Y, SKTextAlign.Left, _muted);
                        Draw(_regular, SmallBodySize, "Hours", ColHoursRight, b.Y, SKTextAlign.Right, _muted);
                        Draw(_regular, SmallBodySize, "CE", ColCeRight, b.Y, SKTextAlign.Right, _muted);
                        Rule(TMargin, TMargin + TWidth, b.Y + 4f, 0.5f, Muted);
                        break;
                    case TranscriptBlockKind.Line:
                        var l = b.Line!;
                        var paint = l.Source == TranscriptSource.LoggedPending ? _muted : _ink;
                        Draw(_regular, BodySize, l.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture), ColDate, b.Y, SKTextAlign.Left, paint);
                        Draw(_regular, BodySize, Ellipsize(_regular, BodySize, l.Activity, ColKind - ColActivity - 8f), ColActivity, b.Y, SKTextAlign.Left, paint);
                        var kind = l.Source == TranscriptSource.LoggedPending ? "Logged, not verified yet" : l.Kind;
                        Draw(_regular, SmallBodySize, Ellipsize(_regular, SmallBodySize, kind, ColHoursRight - ColKind - 40f), ColKind, b.Y, SKTextAlign.Left, _muted);
                        Draw(_regular, BodySize, Transcript.Hours(l.Hours), ColHoursRight, b.Y, SKTextAlign.Right, paint);
                        Draw(_regular, BodySize, l.CeHours is { } c ? Transcript.Hours(c) : "—", ColCeRight, b.Y, SKTextAlign.Right, paint);
                        break;
                }
            }
            Rule(TMargin, TMargin + TWidth, TranscriptPageHeight - 48f, 0.5f, Gold);
            Fitted(_regular, SmallBodySize, $"{t.Name} · training transcript as of {FormatDate(t.AsOf)}", TMargin, TranscriptPageHeight - 36f, TWidth - 90f, SKTextAlign.Left, _muted);
            Draw(_regular, SmallBodySize, string.Create(CultureInfo.InvariantCulture, $"Page {index + 1} of {count}"), TMargin + TWidth, TranscriptPageHeight - 36f, SKTextAlign.Right, _muted);
        }

        /// <summary>The text, cut with an ellipsis to fit <paramref name="maxWidth"/> at <paramref name="size"/>.</summary>
        private static string Ellipsize(SKFont font, float size, string text, float maxWidth)
        {
            font.Size = size;
            if (font.MeasureText(text) <= maxWidth)
            {
                return text;
            }
            var cut = text.Length;
            while (cut > 1 && font.MeasureText(string.Concat(text.AsSpan(0, cut).TrimEnd(), "…")) > maxWidth)
            {
                cut--;
            }
            return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
        }
    }
}
