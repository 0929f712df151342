using TrainingPortal.Web.Files;

namespace TrainingPortal.Web.Tests.Files;

/// <summary>The type of a file by its first bytes, the cleaned download name, the random public id.</summary>
public sealed class FileRulesTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileRules.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileRules.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, FileRules.Jpeg)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)] // "%PDF" without the dash
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null)] // a cut PNG signature
    [InlineData(new byte[] { 0xFF, 0xD8 }, null)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)] // a Windows program
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)] // GIF
    [InlineData(new byte[] { 0x20, 0x25, 0x50, 0x44, 0x46, 0x2D }, null)] // not at the start
    [InlineData(new byte[0], null)]
    public void The_type_comes_from_the_first_bytes(byte[] content, string? expected) =>
        Assert.Equal(expected, FileRules.Detect(content));

    [Theory]
    [InlineData("transcript.pdf", FileRules.Pdf, "transcript.pdf")]
    [InlineData("C:\\Users\\me\\Desktop\\scan.PDF", FileRules.Pdf, "scan.pdf")]
    [InlineData("../../etc/passwd", FileRules.Pdf, "passwd.pdf")]
    [InlineData("photo.pdf", FileRules.Png, "photo.png")]
    [InlineData("a\"b;c\r\nd.jpg", FileRules.Jpeg, "a_b_c__d.jpg")]
    [InlineData("", FileRules.Pdf, "document.pdf")]
    [InlineData("...", FileRules.Pdf, "document.pdf")]
    [InlineData("Zeugnis Müller.pdf", FileRules.Pdf, "Zeugnis Müller.pdf")]
    public void The_download_name_is_cleaned_and_carries_the_real_types_extension(string original, string type, string expected) =>
        Assert.Equal(expected, FileRules.SafeName(original, type));

    [Fact]
    public void A_long_name_is_cut_to_the_column_keeping_the_extension()
    {
        var name = FileRules.SafeName(new string('x', 500) + ".pdf", FileRules.Pdf);
        Assert.Equal(FileRules.MaxNameLength, name.Length);
        Assert.EndsWith("x.pdf", name);
    }

    [Fact]
    public void Public_ids_are_32_url_safe_characters_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => FileRules.NewPublicId()).ToList();
        Assert.All(ids, id => Assert.True(FileRules.LooksLikePublicId(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.False(FileRules.LooksLikePublicId("12"));
        Assert.False(FileRules.LooksLikePublicId(new string('/', 32)));
        Assert.False(FileRules.LooksLikePublicId(null));
    }
}
