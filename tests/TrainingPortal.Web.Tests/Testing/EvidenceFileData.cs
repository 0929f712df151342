using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>Applicants with an application page, and uploads posted the way a browser posts a multipart form.</summary>
public static class EvidenceFileData
{
    public sealed record Applicant(AppUser Person, Enrollment Enrollment, HttpClient Client)
    {
        public string Page => $"/endorsement/{Enrollment.Id}";
    }

    /// <summary>Samples whose first bytes are each accepted type's signature (the rest is filler).</summary>
    public static byte[] Pdf(int length = 2048) => Fill("%PDF-1.7\n"u8.ToArray(), length);

    public static byte[] Png(int length = 2048) => Fill([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], length);

    public static byte[] Jpeg(int length = 2048) => Fill([0xFF, 0xD8, 0xFF, 0xE0], length);

    /// <summary>A Windows program: "MZ" header.</summary>
    public static byte[] Exe(int length = 2048) => Fill("MZ\x90\0"u8.ToArray(), length);

    public static byte[] Text(int length = 2048) => Fill(Encoding.ASCII.GetBytes("Dear reviewer, this is my transcript.\n"), length);

    private static byte[] Fill(byte[] head, int length)
    {
        var bytes = new byte[length];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }
        return bytes;
    }

    public static async Task<Applicant> ApplicantAsync(this PortalFactory factory, string programKey = DefaultRuleSets.Keys.ImhEndorsementL2)
    {
        var person = await factory.CreateAsync(Roles.Trainee);
        var enrollment = Enroll(person, programKey, factory.PortalToday().AddDays(-30));
        await factory.WithDbAsync(async db =>
        {
            db.Add(enrollment);
            return await db.SaveChangesAsync();
        });
        return new Applicant(person, enrollment, await factory.SignedInAsync(person.Email!, TestUsers.Password));
    }

    /// <summary>GETs <paramref name="formPage"/> for its token and POSTs the fields and files as multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string formPage, string action,
        IEnumerable<(string Key, string Value)> fields, params (string Field, string FileName, byte[] Content, string ContentType)[] files)
    {
        var token = await client.GetTokenAsync(formPage);
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        foreach (var (field, fileName, content, contentType) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, field, fileName);
        }
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(action, form);
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A degree's fields as the form posts them (prefix "Degree.").</summary>
    public static (string, string)[] DegreeFields(DateOnly awardedOn) =>
    [
        ("Degree.Kind", nameof(DegreeKind.BA)), ("Degree.Institution", "Lakeside University"),
        ("Degree.Field", "Child development"), ("Degree.AwardedOn", Iso(awardedOn)),
    ];

    public static Task<HttpResponseMessage> AddDegreeAsync(this Applicant a, DateOnly awardedOn, params (string Field, string FileName, byte[] Content, string ContentType)[] files) =>
        a.Client.PostMultipartAsync(a.Page, a.Page + "/degrees", DegreeFields(awardedOn), files);

    public static Task<HttpResponseMessage> AddPortfolioAsync(this Applicant a, string description, string fileName, byte[] content, string contentType = "application/pdf") =>
        a.Client.PostMultipartAsync(a.Page, a.Page + "/portfolio", [("Portfolio.Description", description)], ("Portfolio.File", fileName, content, contentType));

    public static Task<List<UploadedFile>> FilesOfAsync(this PortalFactory factory, string personId) =>
        factory.WithDbAsync(db => db.UploadedFiles.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.Id).ToListAsync());
}
