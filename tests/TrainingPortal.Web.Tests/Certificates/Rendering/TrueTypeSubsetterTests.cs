using SkiaSharp;
using TrainingPortal.Web.Features.Certificates;

namespace TrainingPortal.Web.Tests.Certificates.Rendering;

public sealed class TrueTypeSubsetterTests
{
    private static readonly byte[] Italic = File.ReadAllBytes(
        Path.Combine(CertificatePdfRenderer.DefaultFontsDirectory, CertificatePdfRenderer.ItalicFontFile));

    private static readonly TrueTypeSubsetter Subsetter = new(Italic);

    private static int[] CodePoints(string text) => text.EnumerateRunes().Select(r => r.Value).Distinct().ToArray();

    private static SKTypeface Load(byte[] font)
    {
        using var data = SKData.CreateCopy(font);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("Skia could not load the font.");
    }

    [Fact]
    public void A_subset_sets_its_characters_exactly_as_the_full_font_does()
    {
        const string text = "Zoë Ångström-Nuñez, Łukasiewicz & Nguyễn Thị";
        var subset = Subsetter.Subset(CodePoints(text));

        using var full = Load(Italic);
        using var small = Load(subset);
        using var fullFont = new SKFont(full, 100) { Hinting = SKFontHinting.None, LinearMetrics = true };
        using var smallFont = new SKFont(small, 100) { Hinting = SKFontHinting.None, LinearMetrics = true };

        Assert.True(small.ContainsGlyphs(text));
        Assert.Equal(fullFont.MeasureText(text), smallFont.MeasureText(text), 0.001f);
        foreach (var rune in text.EnumerateRunes())
        {
            var character = rune.ToString();
            Assert.Equal(fullFont.MeasureText(character), smallFont.MeasureText(character), 0.001f);
            // The same outline: same bounds.
            fullFont.MeasureText(character, out var fullBounds);
            smallFont.MeasureText(character, out var smallBounds);
            Assert.Equal(fullBounds, smallBounds);
        }
        // .notdef, one glyph per character, and the base letters and accents of composite ones.
        Assert.InRange(small.GlyphCount, CodePoints(text).Length + 1, 80);
        Assert.True(subset.Length < Italic.Length / 20, $"{subset.Length} of {Italic.Length} bytes");
    }

    [Fact]
    public void Characters_the_font_lacks_are_left_out()
    {
        using var small = Load(Subsetter.Subset(CodePoints("A漢😀")));

        Assert.True(small.ContainsGlyphs("A"));
        Assert.False(small.ContainsGlyphs("漢"));
        Assert.Equal(0, Subsetter.GlyphFor('漢'));
        Assert.Equal(2, small.GlyphCount); // .notdef and A
    }

    [Fact]
    public void The_same_characters_give_the_same_bytes_whatever_their_order() =>
        Assert.Equal(Subsetter.Subset(CodePoints("abcÅ")), Subsetter.Subset(CodePoints("Åcba")));

    [Fact]
    public void A_CFF_font_is_refused()
    {
        var otf = new byte[64];
        "OTTO"u8.CopyTo(otf);

        Assert.Throws<InvalidDataException>(() => new TrueTypeSubsetter(otf));
    }
}
