using System.Globalization;
using System.Text;
using SkiaSharp;

namespace TrainingPortal.Web.Certificates.Rendering;

/// <summary>
/// Draws a certificate as a one-page PDF (US Letter landscape) with SkiaSharp: a navy double frame
/// with a gold line, the issuer in letter-spaced capitals, the credential title, the recipient's name
/// in EB Garamond Italic (shrunk, or set on two lines, to fit), program, date, hours, a signature
/// line, and a vector QR code with the verification URL and code. Layout and fonts: docs/certificates.md.
/// </summary>
/// <remarks>
/// Thread-safe and meant to be a singleton: the two EB Garamond TrueType fonts are read once, from
/// files shipped with the app (<see cref="DefaultFontsDirectory"/>); every render makes its own fonts,
/// paints and document. A render lays the page out twice: first on a canvas that draws nothing, with
/// the full fonts, to learn which characters each font sets; then into the PDF with fonts cut down to
/// those glyphs (<see cref="TrueTypeSubsetter"/>; Skia embeds a font whole, and this build of Skia has
/// no subsetter of its own). Glyph advances are identical in both, so the layout is too. The text is
/// real text (TrueType CID fonts with a ToUnicode map): selectable, searchable, extractable.
/// </remarks>
public sealed partial class CertificatePdfRenderer : IDisposable
{
    /// <summary>Where the fonts are copied at build and publish: <c>Assets/Fonts</c> beside the app.</summary>
    public static string DefaultFontsDirectory => Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts");

    internal const string RegularFontFile = "EBGaramond12-Regular.ttf";
    internal const string ItalicFontFile = "EBGaramond12-Italic.ttf";

    // ---- Page (PDF points, origin top left) ---------------------------------------------------
    internal const float PageWidth = 792f;   // US Letter landscape
    internal const float PageHeight = 612f;
    private const float CenterX = PageWidth / 2;

    // Frame: a heavy navy rule, a hairline inside it, and a gold line inside that.
    private const float OuterInset = 24f, OuterStroke = 2.8f;
    private const float HairlineInset = 29.5f, HairlineStroke = 0.7f;
    private const float GoldInset = 35f, GoldStroke = 1.2f;
    private const float CornerInset = 44f, CornerArm = 26f, CornerStroke = 0.9f;

    /// <summary>The widest any centred line may be: well inside the gold frame.</summary>
    internal const float TextWidth = 600f;

    // Baselines, top to bottom.
    private const float IssuerBaseline = 98f, IssuerSize = 12f, IssuerTracking = 3f;
    private const float OrnamentY = 113f;
    private const float TitleBaseline = 163f, TitleSize = 40f;
    private const float CertifiesBaseline = 203f, CertifiesSize = 15f;
    // The name: one line on NameBaseline, or two lines that end just above the rule.
    private const float NameBaseline = 266f, NameSize = 46f, NameMinSingleLine = 30f, NameTwoLineMax = 29f;
    private const float NameRuleY = 288f, NameRuleWidth = 380f;
    private const float RequirementsBaseline = 316f, RequirementsSize = 14f;
    private const float ProgramBaseline = 345f, ProgramSize = 23f;
    private const float AwardedBaseline = 379f, AwardedSize = 15f;
    private const float HoursBaseline = 400f, HoursSize = 13f;
    private const float NoteBaseline = 416f, NoteSize = 10f;

    // Bottom row: the seal and small print on the left, the signature in the middle, the QR code
    // with the URL and code on the right.
    private const float SignatureLineY = 474f, SignatureLineWidth = 230f;
    private const float SignatoryBaseline = 491f, SignatorySize = 13.5f;
    private const float SignatoryTitleBaseline = 507f, SignatoryTitleSize = 11.5f, SignatoryMaxWidth = 250f;
    private const float SmallSize = 9f, SmallLeading = 11.5f;
    private const float CornerTextLeft = 62f, CornerTextRight = PageWidth - 62f, CornerTextMaxWidth = 215f;
    private const float BottomTextBaseline = 536f; // last small-print line in either bottom corner
    private const float QrSide = 72f, QrBottom = 510f;
    private const float SealRadius = 36f, SealTeeth = 40;

    private static readonly SKColor Navy = new(0x1B, 0x2A, 0x4A);
    private static readonly SKColor Gold = new(0xB0, 0x8D, 0x57);
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Muted = new(0x5C, 0x5C, 0x5C);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly FontSource _regular;
    private readonly FontSource _italic;

    /// <summary>Loads the fonts from <see cref="DefaultFontsDirectory"/>.</summary>
    public CertificatePdfRenderer() : this(DefaultFontsDirectory)
    {
    }

    /// <summary>Loads the two EB Garamond fonts from <paramref name="fontsDirectory"/>.</summary>
    public CertificatePdfRenderer(string fontsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(fontsDirectory);
        _regular = new FontSource(Path.Combine(fontsDirectory, RegularFontFile));
        try
        {
            _italic = new FontSource(Path.Combine(fontsDirectory, ItalicFontFile));
        }
        catch
        {
            _regular.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The characters of <paramref name="name"/> the certificate's name font cannot print (each once, in order;
    /// empty when all can be printed). Without a fallback font they would print as empty boxes, so the profile
    /// refuses such a certificate name with a message that names them.
    /// </summary>
    public IReadOnlyList<string> Unprintable(string? name)
    {
        var missing = new List<string>();
        foreach (var rune in (name ?? "").EnumerateRunes())
        {
            if (System.Text.Rune.IsWhiteSpace(rune) || System.Text.Rune.IsControl(rune))
            {
                continue;
            }
            var text = rune.ToString();
            if (_italic.Typeface.GetGlyph(rune.Value) == 0 && !missing.Contains(text))
            {
                missing.Add(text);
            }
        }
        return missing;
    }

    /// <summary>The certificate as PDF bytes.</summary>
    public byte[] Render(CertificateContent content)
    {
        using var pdf = RenderToData(content);
        return pdf.ToArray();
    }

    /// <summary>Writes the certificate as a PDF to <paramref name="output"/> (left open) with one synchronous write.</summary>
    public void Render(CertificateContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var pdf = RenderToData(content);
        output.Write(pdf.AsSpan());
    }

    /// <summary>
    /// Writes the certificate to <paramref name="output"/> asynchronously (left open): for an HTTP
    /// response body, where Kestrel refuses synchronous writes. The rendering itself is synchronous
    /// and takes a few milliseconds.
    /// </summary>
    public async Task RenderAsync(CertificateContent content, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pdf = Render(content);
        await output.WriteAsync(pdf, cancellationToken);
    }

    /// <summary>
    /// Renders into Skia's own memory stream: Skia writes a PDF in thousands of small pieces, and
    /// each would otherwise be a call back into managed code (SKManagedWStream); one copy at the end
    /// is cheaper.
    /// </summary>
    private SKData RenderToData(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);

        var name = content.RecipientName.Trim().Normalize(NormalizationForm.FormC);
        var issued = content.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{content.CredentialTitle} — {name}",
            Author = content.IssuerName,
            Subject = content.ProgramTitle,
            Creator = "TrainingPortal",
            Producer = "TrainingPortal certificate renderer (SkiaSharp/Skia PDF)",
            Creation = issued,
            Modified = issued,
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = 101, // lossless; nothing raster is drawn anyway
        };

        // Pass 1: lay out with the full fonts, drawing nothing, to learn the characters each font sets.
        var regularCharacters = new HashSet<int>();
        var italicCharacters = new HashSet<int>();
        using (var nothing = new SKNoDrawCanvas((int)PageWidth, (int)PageHeight))
        using (var layout = new Page(nothing, _regular.Typeface, _italic.Typeface, regularCharacters, italicCharacters))
        {
            layout.Draw(content, name);
        }

        // Pass 2: the same layout, into the PDF, with fonts holding just those glyphs.
        using var regular = _regular.Subset(regularCharacters);
        using var italic = _italic.Subset(italicCharacters);
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            using (var page = new Page(canvas, regular, italic, null, null))
            {
                page.Draw(content, name);
            }
            document.EndPage();
            document.Close();
        }
        return stream.DetachAsData();
    }

    public void Dispose()
    {
        _regular.Dispose();
        _italic.Dispose();
    }

    /// <summary>"14 March 2026".</summary>
    internal static string FormatDate(DateOnly date) => date.ToString("d MMMM yyyy", Inv);

    /// <summary>"16.5 training hours · 16.5 CE hours", either part alone, or null when neither is given.</summary>
    internal static string? FormatHours(decimal? hours, decimal? ceHours)
    {
        static string Part(decimal value, string unit) =>
            string.Create(Inv, $"{value:0.##} {unit}{(value == 1m ? "" : "s")}");

        return (hours, ceHours) switch
        {
            ({ } h, { } ce) => $"{Part(h, "training hour")} · {Part(ce, "CE hour")}",
            ({ } h, null) => Part(h, "training hour"),
            (null, { } ce) => Part(ce, "CE hour"),
            _ => null,
        };
    }

    /// <summary>What the hours of the rule set's program count (<see cref="ProgramDefinition.ContinuingEducationNote"/>), or null.</summary>
    internal static string? ContinuingEducationNote(string ruleSetId)
    {
        var at = ruleSetId.LastIndexOf('@');
        return ProgramCatalog.Default.TryGet(at > 0 ? ruleSetId[..at] : ruleSetId, out var program) ? program.ContinuingEducationNote : null;
    }

    /// <summary>
    /// What a certificate of a program that is not a credential (<see cref="ProgramDefinition.IsCredential"/> false: MI Champions'
    /// free introductory course) says it is, or null for a credential. Printed on the certificate and shown on its verification page.
    /// </summary>
    public const string NotCredentialNote = "A record of completing a free introductory course. It is not a credential or a licence.";

    /// <summary>Whether the rule set's program awards a credential (unknown programs count as credentials).</summary>
    internal static bool IsCredential(string ruleSetId)
    {
        var at = ruleSetId.LastIndexOf('@');
        return !ProgramCatalog.Default.TryGet(at > 0 ? ruleSetId[..at] : ruleSetId, out var program) || program.IsCredential;
    }

    /// <summary>"mio-rostering@1" → "Rule set mio-rostering, version 1"; anything else is printed as given.</summary>
    internal static string FormatRuleSet(string ruleSetId)
    {
        var at = ruleSetId.LastIndexOf('@');
        return at > 0 && int.TryParse(ruleSetId.AsSpan(at + 1), NumberStyles.None, Inv, out var version)
            ? string.Create(Inv, $"Rule set {ruleSetId[..at]}, version {version}")
            : $"Rule set {ruleSetId}";
    }

    /// <summary>A font file: the whole typeface (for layout) and a subsetter (for the PDF).</summary>
    private sealed class FontSource : IDisposable
    {
        public FontSource(string path)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Certificate font not found: {path}. The fonts ship in src/TrainingPortal.Web/Assets/Fonts and are copied to the output folder.", path);
            }
            var bytes = File.ReadAllBytes(path);
            Subsetter = new TrueTypeSubsetter(bytes);
            Typeface = FromBytes(bytes, path);
        }

        public SKTypeface Typeface { get; }

        public TrueTypeSubsetter Subsetter { get; }

        /// <summary>A typeface holding only the glyphs for <paramref name="characters"/>.</summary>
        public SKTypeface Subset(IEnumerable<int> characters) => FromBytes(Subsetter.Subset(characters), "subset of " + Typeface.FamilyName);

        public void Dispose() => Typeface.Dispose();

        private static SKTypeface FromBytes(byte[] bytes, string what)
        {
            using var data = SKData.CreateCopy(bytes);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia could not load the font {what}.");
        }
    }

    /// <summary>One page being drawn: the fonts and paints of a single render (not shared between threads).</summary>
    private sealed partial class Page : IDisposable
    {
        private readonly SKCanvas _canvas;
        private readonly SKFont _regular;
        private readonly SKFont _italic;
        private readonly SKPaint _navy = Fill(Navy);
        private readonly SKPaint _ink = Fill(Ink);
        private readonly SKPaint _muted = Fill(Muted);
        private readonly SKPaint _gold = Fill(Gold);
        private readonly HashSet<int>? _regularCharacters;
        private readonly HashSet<int>? _italicCharacters;

        /// <summary>
        /// With character sets, the page only lays out: it notes each character set in each font
        /// and skips the QR code; without, it draws.
        /// </summary>
        public Page(SKCanvas canvas, SKTypeface regular, SKTypeface italic, HashSet<int>? regularCharacters, HashSet<int>? italicCharacters)
        {
            _canvas = canvas;
            _regular = Font(regular);
            _italic = Font(italic);
            _regularCharacters = regularCharacters;
            _italicCharacters = italicCharacters;
        }

        private bool LayoutOnly => _regularCharacters is not null;

        /// <summary>Every text goes through here before it is drawn.</summary>
        private void Note(SKFont font, string text)
        {
            var characters = font == _italic ? _italicCharacters : _regularCharacters;
            if (characters is null)
            {
                return;
            }
            foreach (var rune in text.EnumerateRunes())
            {
                characters.Add(rune.Value);
            }
        }

        public void Draw(CertificateContent content, string name)
        {
            DrawFrame();

            Tracked(_regular, IssuerSize, content.IssuerName.ToUpperInvariant(), IssuerBaseline, IssuerTracking, _navy);
            Ornament(OrnamentY);
            Centered(_regular, TitleSize, content.CredentialTitle, TitleBaseline, _navy);
            Centered(_regular, CertifiesSize, "This certifies that", CertifiesBaseline, _muted);
            Name(name);
            Rule(CenterX - NameRuleWidth / 2, CenterX + NameRuleWidth / 2, NameRuleY, 0.6f, Gold);
            var credential = IsCredential(content.RuleSetId);
            Centered(_regular, RequirementsSize, credential ? "has fulfilled the requirements of" : "has completed", RequirementsBaseline, _muted);
            Centered(_regular, ProgramSize, content.ProgramTitle, ProgramBaseline, _navy);
            Centered(_regular, AwardedSize, "Awarded " + FormatDate(content.AwardedOn), AwardedBaseline, _ink);
            if (FormatHours(content.Hours, content.ContinuingEducationHours) is { } hours)
            {
                Centered(_regular, HoursSize, hours, HoursBaseline, _muted);
                // What the hours count, where the program says it (the IMH course: readings and exercises never count for CE).
                if (ContinuingEducationNote(content.RuleSetId) is { } note)
                {
                    Fitted(_regular, NoteSize, note, CenterX, NoteBaseline, TextWidth, SKTextAlign.Center, _muted);
                }
            }
            if (!credential)
            {
                // Not a credential: the certificate says so where the hours would stand (such programs print none).
                Fitted(_regular, NoteSize, NotCredentialNote, CenterX, content.Hours is null && content.ContinuingEducationHours is null ? HoursBaseline : NoteBaseline,
                    TextWidth, SKTextAlign.Center, _muted);
            }

            // Signature.
            Rule(CenterX - SignatureLineWidth / 2, CenterX + SignatureLineWidth / 2, SignatureLineY, 0.75f, Navy);
            Fitted(_regular, SignatorySize, content.SignatoryName, CenterX, SignatoryBaseline, SignatoryMaxWidth, SKTextAlign.Center, _ink);
            Fitted(_regular, SignatoryTitleSize, content.SignatoryTitle, CenterX, SignatoryTitleBaseline, SignatoryMaxWidth, SKTextAlign.Center, _muted);

            // Bottom left: a seal with the year, mirroring the QR code, then which rules awarded it
            // and whether this is a re-issue.
            Seal(CornerTextLeft + SealRadius, QrBottom - SealRadius, content.AwardedOn.Year);
            var left = new List<string>(2) { FormatRuleSet(content.RuleSetId) };
            if (content.Version > 1)
            {
                left.Add(string.Create(Inv, $"Re-issued {FormatDate(content.IssuedOn)} · version {content.Version}"));
            }
            for (var i = 0; i < left.Count; i++)
            {
                var baseline = BottomTextBaseline - (left.Count - 1 - i) * SmallLeading;
                Fitted(_regular, SmallSize, left[i], CornerTextLeft, baseline, CornerTextMaxWidth, SKTextAlign.Left, _muted);
            }

            // Bottom right: QR code, then the URL and the code under it.
            var qrRight = CornerTextRight;
            QrCode(content.VerificationUrl, qrRight - QrSide, QrBottom - QrSide, QrSide);
            Fitted(_regular, SmallSize, "Verify at " + content.VerificationUrl, qrRight, BottomTextBaseline - SmallLeading, CornerTextMaxWidth, SKTextAlign.Right, _muted);
            Fitted(_regular, SmallSize, "Code " + content.Code, qrRight, BottomTextBaseline, CornerTextMaxWidth, SKTextAlign.Right, _ink);
        }

        private void DrawFrame()
        {
            using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, Color = Navy, StrokeWidth = OuterStroke, IsAntialias = true };
            _canvas.DrawRect(Inset(OuterInset), stroke);
            stroke.StrokeWidth = HairlineStroke;
            _canvas.DrawRect(Inset(HairlineInset), stroke);
            stroke.Color = Gold;
            stroke.StrokeWidth = GoldStroke;
            _canvas.DrawRect(Inset(GoldInset), stroke);

            // Corner brackets inside the gold line, each with a small diamond at its angle.
            stroke.StrokeWidth = CornerStroke;
            using var corners = new SKPath();
            var box = Inset(CornerInset);
            foreach (var (x, y, dx, dy) in new[] { (box.Left, box.Top, 1f, 1f), (box.Right, box.Top, -1f, 1f), (box.Left, box.Bottom, 1f, -1f), (box.Right, box.Bottom, -1f, -1f) })
            {
                corners.MoveTo(x + dx * CornerArm, y);
                corners.LineTo(x, y);
                corners.LineTo(x, y + dy * CornerArm);
            }
            _canvas.DrawPath(corners, stroke);
            using var diamonds = new SKPath();
            foreach (var (x, y) in new[] { (box.Left, box.Top), (box.Right, box.Top), (box.Left, box.Bottom), (box.Right, box.Bottom) })
            {
                Diamond(diamonds, x, y, 2.6f);
            }
            _canvas.DrawPath(diamonds, _gold);
        }

        /// <summary>A gold seal: a toothed disc with a white ring and the year awarded.</summary>
        private void Seal(float cx, float cy, int year)
        {
            // The teeth are drawn in hundredths of a point, rounded, so the PDF holds short integers.
            using var teeth = new SKPath();
            for (var i = 0; i < 2 * SealTeeth; i++)
            {
                var angle = MathF.PI * i / SealTeeth;
                var radius = 100f * (i % 2 == 0 ? SealRadius : SealRadius - 2.6f);
                var point = new SKPoint(MathF.Round(radius * MathF.Sin(angle)), MathF.Round(-radius * MathF.Cos(angle)));
                if (i == 0)
                {
                    teeth.MoveTo(point);
                }
                else
                {
                    teeth.LineTo(point);
                }
            }
            teeth.Close();
            _canvas.Save();
            _canvas.Translate(cx, cy);
            _canvas.Scale(0.01f);
            _canvas.DrawPath(teeth, _gold);
            _canvas.Restore();

            using var ring = new SKPaint { Style = SKPaintStyle.Stroke, Color = SKColors.White, StrokeWidth = 0.9f, IsAntialias = true };
            _canvas.DrawCircle(cx, cy, SealRadius - 6.5f, ring);
            ring.StrokeWidth = 0.5f;
            _canvas.DrawCircle(cx, cy, SealRadius - 9f, ring);
            using var white = Fill(SKColors.White);
            Draw(_regular, 15f, year.ToString(Inv), cx, cy + 5f, SKTextAlign.Center, white);
        }

        /// <summary>A short gold rule with a diamond in the middle, under the issuer.</summary>
        private void Ornament(float y)
        {
            Rule(CenterX - 70, CenterX - 9, y, 0.8f, Gold);
            Rule(CenterX + 9, CenterX + 70, y, 0.8f, Gold);
            using var diamond = new SKPath();
            Diamond(diamond, CenterX, y, 3.6f);
            _canvas.DrawPath(diamond, _gold);
        }

        /// <summary>
        /// The name, as large as fits: one line at up to <see cref="NameSize"/>; a name that would drop
        /// below <see cref="NameMinSingleLine"/> on one line is set on two, broken at the space that
        /// lets them be largest; a name without spaces just shrinks. (Not at a hyphen: text
        /// extractors such as pdftotext join a word hyphenated at a line end and lose the hyphen of
        /// a double-barrelled name.)
        /// </summary>
        private void Name(string name)
        {
            var size = FitSize(_italic, NameSize, name, TextWidth);
            var split = size < NameMinSingleLine ? Split(name) : null;
            if (split is not var (first, second))
            {
                Draw(_italic, size, name, CenterX, NameBaseline, SKTextAlign.Center, _ink);
                return;
            }

            var visibleFirst = first.TrimEnd();
            _italic.Size = 1f;
            var widest = Math.Max(_italic.MeasureText(visibleFirst), _italic.MeasureText(second));
            size = Math.Min(NameTwoLineMax, TextWidth / widest * 0.999f);
            _italic.Size = size;
            // Descenders reach ~0.3 em below the baseline: the second line clears the rule by 3 pt.
            var secondBaseline = NameRuleY - 0.3f * size - 3f;
            var firstBaseline = secondBaseline - 1.12f * size;
            // A first line broken at a space keeps that space at its end, so the text reads back as
            // the whole name; each line is centred on its visible width.
            Draw(_italic, size, first, CenterX - _italic.MeasureText(visibleFirst) / 2, firstBaseline, SKTextAlign.Left, _ink);
            Draw(_italic, size, second, CenterX, secondBaseline, SKTextAlign.Center, _ink);
        }

        /// <summary>
        /// The two lines that make the wider of them narrowest, broken after a space (the first line
        /// keeps it); null if the name has no space.
        /// </summary>
        private (string First, string Second)? Split(string name)
        {
            _italic.Size = 1f;
            (string, string)? best = null;
            var bestWidth = float.MaxValue;
            for (var i = 1; i < name.Length - 1; i++)
            {
                if (name[i] != ' ')
                {
                    continue;
                }
                var first = name[..(i + 1)];
                var second = name[(i + 1)..];
                var width = Math.Max(_italic.MeasureText(first.TrimEnd()), _italic.MeasureText(second));
                if (width < bestWidth)
                {
                    best = (first, second);
                    bestWidth = width;
                }
            }
            return best;
        }

        private void Centered(SKFont font, float size, string text, float baseline, SKPaint paint) =>
            Fitted(font, size, text, CenterX, baseline, TextWidth, SKTextAlign.Center, paint);

        /// <summary>Draws <paramref name="text"/> at <paramref name="size"/>, or smaller if it would be wider than <paramref name="maxWidth"/>.</summary>
        private void Fitted(SKFont font, float size, string text, float x, float baseline, float maxWidth, SKTextAlign align, SKPaint paint) =>
            Draw(font, FitSize(font, size, text, maxWidth), text, x, baseline, align, paint);

        private void Draw(SKFont font, float size, string text, float x, float baseline, SKTextAlign align, SKPaint paint)
        {
            Note(font, text);
            font.Size = size;
            _canvas.DrawText(text, x, baseline, align, font, paint);
        }

        /// <summary>Centred text with extra space after every glyph (the letter-spaced capitals of the issuer).</summary>
        private void Tracked(SKFont font, float size, string text, float baseline, float tracking, SKPaint paint)
        {
            Note(font, text);
            font.Size = 1f;
            var natural = font.MeasureText(text);
            var count = text.EnumerateRunes().Count();
            // Shrink size and tracking together if the line would be too wide.
            var scale = Math.Min(1f, TextWidth / (natural * size + tracking * (count - 1)));
            size *= scale;
            tracking *= scale;

            font.Size = size;
            var glyphs = font.GetGlyphs(text);
            var widths = font.GetGlyphWidths(glyphs, null);
            var positions = new SKPoint[glyphs.Length];
            var x = 0f;
            for (var i = 0; i < glyphs.Length; i++)
            {
                positions[i] = new SKPoint(x, 0);
                x += widths[i] + tracking;
            }
            var total = x - tracking;
            using var builder = new SKTextBlobBuilder();
            builder.AddPositionedRun(glyphs, font, positions);
            using var blob = builder.Build();
            _canvas.DrawText(blob, CenterX - total / 2, baseline, paint);
        }

        /// <summary>
        /// The code's dark modules, one rectangle per run in a row, drawn in module units: Skia writes
        /// each as "x y w h re f" with small integers (≈1.5 KB and ≈0.2 ms for a version-4 code; one
        /// path of the same rectangles costs ≈3.9 KB and ≈0.65 ms).
        /// </summary>
        private void QrCode(string text, float left, float top, float side)
        {
            if (LayoutOnly)
            {
                return;
            }
            var qr = CertificateQrCode.For(text);
            _canvas.Save();
            _canvas.Translate(left, top);
            _canvas.Scale(side / qr.Size);
            foreach (var run in qr.Runs)
            {
                _canvas.DrawRect(run.Column, run.Row, run.Length, 1, _navy);
            }
            _canvas.Restore();
        }

        private void Rule(float x1, float x2, float y, float width, SKColor color)
        {
            using var paint = new SKPaint { Style = SKPaintStyle.Stroke, Color = color, StrokeWidth = width, IsAntialias = true };
            _canvas.DrawLine(x1, y, x2, y, paint);
        }

        public void Dispose()
        {
            _regular.Dispose();
            _italic.Dispose();
            _navy.Dispose();
            _ink.Dispose();
            _muted.Dispose();
            _gold.Dispose();
        }

        private static float FitSize(SKFont font, float size, string text, float maxWidth)
        {
            font.Size = size;
            var width = font.MeasureText(text);
            // Widths scale linearly with the size (no hinting in a PDF); keep a hair of margin.
            return width <= maxWidth ? size : size * maxWidth / width * 0.999f;
        }

        private static void Diamond(SKPath path, float x, float y, float radius)
        {
            path.MoveTo(x, y - radius);
            path.LineTo(x + radius, y);
            path.LineTo(x, y + radius);
            path.LineTo(x - radius, y);
            path.Close();
        }

        private static SKRect Inset(float inset) => new(inset, inset, PageWidth - inset, PageHeight - inset);

        private static SKPaint Fill(SKColor color) => new() { Style = SKPaintStyle.Fill, Color = color, IsAntialias = true };

        private static SKFont Font(SKTypeface typeface) => new(typeface)
        {
            Hinting = SKFontHinting.None,
            Subpixel = true,
            LinearMetrics = true,
        };
    }
}
