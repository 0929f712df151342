using Xunit.Abstractions;
using static TrainingPortal.Web.Tests.Testing.QueueData;

namespace TrainingPortal.Web.Tests.Features.Approvals;

/// <summary>The approval path evaluates an enrollment at most once per request.</summary>
public sealed class ApprovalCommandCountTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    /// <summary>Review page reads besides the verdict: the enrollment with person, program, group and stored standing; its waivers.</summary>
    public const int ReviewReads = 2;

    private static string Review(int id) => "/admin/approvals/" + Id(id);

    private CommandCounter Counter => factory.Services.GetRequiredService<CommandCounter>();

    private async Task<int> CountAsync(Func<Task> request)
    {
        Counter.Reset();
        await request();
        return Counter.Count;
    }

    private async Task<(int Commands, int Reads, HttpResponseMessage Response)> ApproveAsync(HttpClient admin, int enrollmentId)
    {
        var version = (await factory.EnrollmentAsync(enrollmentId)).Version;
        var token = await admin.GetTokenAsync(Review(enrollmentId));
        Counter.Reset();
        var response = await admin.PostAsync(Review(enrollmentId) + "/approve", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Approve.AwardedOn", Iso(factory.TodayInNewYork())),
            new("Approve.Version", version.ToString()),
        ]));
        return (Counter.Count, Counter.Reads, response);
    }

    [Fact]
    public async Task Review_and_approve_evaluate_the_enrollment_once_per_request()
    {
        var warmUp = await factory.MioClinicianAsync();
        var clinician = await factory.MioClinicianAsync();
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (_, admin) = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(admin, warmUp.EnrollmentId)).Response.StatusCode); // views compiled, signing keys cached

        // GET review: the stored verdict when current, else one live evaluation.
        var live = await CountAsync(() => admin.GetStringAsync(Review(clinician.EnrollmentId)));
        await factory.RefreshDueAsync();
        var stored = await CountAsync(() => admin.GetStringAsync(Review(clinician.EnrollmentId)));

        // POST approve: one live evaluation decides the approval and gives the certificate's hours.
        var (approveCommands, approveReads, response) = await ApproveAsync(admin, clinician.EnrollmentId);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EnrollmentStatus.Completed, (await factory.EnrollmentAsync(clinician.EnrollmentId)).Status);
        var after = await CountAsync(() => admin.GetStringAsync(Review(clinician.EnrollmentId)));

        // POST approve refused (not eligible): the refusal's evaluation is the one the page shows.
        var (refusedCommands, _, refused) = await ApproveAsync(admin, oneShort.EnrollmentId);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Not every requirement is met today", await refused.HtmlAsync());

        output.WriteLine($"review live {live}, stored {stored}; approve {approveCommands} ({approveReads} reads); review after approval {after}; refused approve {refusedCommands}");
        Assert.Equal(ReviewReads + EvidenceLoader.QueryCount, live);
        Assert.Equal(ReviewReads, stored);
        // Reads: enrollment 1 + loader 25 (approval); existing certificate 1, enrollment 1, person 1, program title 1 (issue).
        Assert.Equal(1 + EvidenceLoader.QueryCount + 4, approveReads);
        // Writes (SQLite, one command each): the enrollment, its audit row, the stale mark; the certificate, its version,
        // their audit rows, the holder's notification, the stale mark. Before: 63 commands, the evidence loaded twice (approval, certificate hours).
        // PostgreSQL batches the INSERTs of a save into one command, hence fewer commands there.
        Assert.Equal(TestDatabase.IsPostgres ? 6 : 9, approveCommands - approveReads);
        // A completed enrollment has no current standing: live, + the certificate link (no Train-the-Trainer role check for MIO rostering).
        Assert.Equal(ReviewReads + 1 + EvidenceLoader.QueryCount, after);
        Assert.Equal(1 + EvidenceLoader.QueryCount + ReviewReads, refusedCommands); // before: 53, evaluated twice
    }
}
