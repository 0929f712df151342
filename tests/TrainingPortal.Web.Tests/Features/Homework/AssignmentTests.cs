using static TrainingPortal.Web.Tests.Testing.EvidenceFileData;
using static TrainingPortal.Web.Tests.Testing.HomeworkData;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Homework;

/// <summary>Faculty create, edit and delete a Train-the-Trainer cohort's assignments, and upload its handbook.</summary>
public sealed class AssignmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const long MaxBytes = 10 * 1024 * 1024;

    private static string NewPage(CohortWithHomework c) => $"/groups/{c.Group.Id}/homework/assignments/new";

    private static (string, string)[] Fields(string title, string instructions, DateOnly due) =>
        [("Form.Title", title), ("Form.Instructions", instructions), ("Form.DueOn", Iso(due))];

    private Task<List<HomeworkAssignmentRecord>> AssignmentsAsync(CohortWithHomework c) =>
        factory.WithDbAsync(db => db.HomeworkAssignments.AsNoTracking().Where(a => a.GroupId == c.Group.Id).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Faculty_create_an_assignment_with_instructions_and_a_file_and_the_members_see_it_safely()
    {
        var c = await factory.HomeworkCohortAsync();
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var due = c.Group.StartDate.AddDays(20);

        var created = await trainer.PostMultipartAsync(NewPage(c), NewPage(c), Fields("Teaching plan", "Plan <b>two</b> days.\nName the chapters.", due),
            ("Form.File", "template.pdf", Pdf(), "application/pdf"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var stored = (await AssignmentsAsync(c)).Last();
        Assert.Equal(("Teaching plan", (DateOnly?)due, "Plan <b>two</b> days.\nName the chapters."), (stored.Title, stored.DueOn, stored.Instructions));
        var file = await factory.WithDbAsync(db => db.UploadedFiles.AsNoTracking().SingleAsync(f => f.Id == stored.FileId));
        Assert.Equal((FilePurpose.HomeworkAssignment, (int?)c.Group.Id, c.Trainer.Id), (file.Purpose, file.GroupId, file.PersonId));

        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        var page = await ann.GetStringAsync(MemberPage);
        Assert.Contains("Teaching plan", page);
        // Plain text: encoded, its line break kept by the text-prewrap class, never markup.
        Assert.Contains("<p class=\"text-prewrap\" data-testid=\"instructions\">Plan &lt;b&gt;two&lt;/b&gt; days.&#xA;Name the chapters.</p>", page);
        Assert.Contains($"/files/{file.PublicId}", page);
        var download = await ann.GetAsync($"/files/{file.PublicId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());

        // The file's name is never audited.
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Changes != null && a.Changes.Contains("template.pdf"))));
    }

    [Fact]
    public async Task A_due_date_outside_the_cohort_a_wrong_file_and_a_file_over_the_limit_are_answered_next_to_their_fields_with_the_rest_kept()
    {
        var c = await factory.HomeworkCohortAsync();
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var before = (await AssignmentsAsync(c)).Count;

        var outside = await trainer.PostMultipartAsync(NewPage(c), NewPage(c), Fields("Role play", "Two pages.", c.Group.EndDate.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        var html = await outside.Content.ReadAsStringAsync();
        Assert.Contains("The due date must be within the cohort's dates", FieldError(html, "Form.DueOn"));
        Assert.Contains("value=\"Role play\"", html);
        Assert.Contains("Two pages.</textarea>", html);

        var wrong = await trainer.PostMultipartAsync(NewPage(c), NewPage(c), Fields("Role play", "Two pages.", c.Group.StartDate.AddDays(3)),
            ("Form.File", "notes.pdf", Text(), "application/pdf"));
        html = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("This file is not a PDF, PNG or JPEG", FieldError(html, "Form.File"));
        Assert.Contains("value=\"Role play\"", html);
        Assert.Contains($"value=\"{Iso(c.Group.StartDate.AddDays(3))}\"", html);

        var large = await trainer.PostMultipartAsync(NewPage(c), NewPage(c), Fields("Role play", "Two pages.", c.Group.StartDate.AddDays(3)),
            ("Form.File", "scan.pdf", Pdf((int)MaxBytes + 1), "application/pdf"));
        html = await large.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Contains("The file is too large (10.1 MB): files can be at most 10 MB", FieldError(html, "Form.File"));
        Assert.Contains("Two pages.</textarea>", html);

        var untitled = await trainer.PostMultipartAsync(NewPage(c), NewPage(c), Fields("  ", "Two pages.", c.Group.StartDate.AddDays(3)));
        Assert.Contains("Give the assignment a title", FieldError(await untitled.Content.ReadAsStringAsync(), "Form.Title"));

        Assert.Equal(before, (await AssignmentsAsync(c)).Count);
        Assert.False(await factory.WithDbAsync(db => db.UploadedFiles.AnyAsync(f => f.GroupId == c.Group.Id)));
    }

    [Fact]
    public async Task Another_trainers_cohort_and_a_cohort_of_another_kind_answer_404()
    {
        var c = await factory.HomeworkCohortAsync();
        var stranger = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainer)).Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(c.FacultyPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(NewPage(c))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{c.FacultyPage}/assignments/{c.Assignment.Id}")).StatusCode);
        var token = await stranger.GetTokenAsync("/profile");
        using (var form = new MultipartFormDataContent { { new StringContent("Hijack"), "Form.Title" }, { new StringContent(Iso(c.Group.StartDate)), "Form.DueOn" }, { new StringContent(token), "__RequestVerificationToken" } })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{c.FacultyPage}/assignments/{c.Assignment.Id}", form)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{c.FacultyPage}/assignments/{c.Assignment.Id}/delete",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
        Assert.Equal("Handbook chapter 1", (await AssignmentsAsync(c)).Single().Title);

        // The cohort's own trainer, on an IMH course cohort they lead: homework is not that kind's.
        var course = CourseCohort(factory.PortalToday().AddDays(-10));
        course.TrainerId = c.Trainer.Id;
        await factory.WithDbAsync(async db => { db.Add(course); return await db.SaveChangesAsync(); });
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/groups/{course.Id}/homework")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/groups/{course.Id}/homework/assignments/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync(NewPage(c))).StatusCode);

        // A trainee is not faculty.
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await ann.GetAsync(c.FacultyPage)).StatusCode);
    }

    [Fact]
    public async Task An_assignment_is_edited_and_deleted_only_while_nothing_is_submitted()
    {
        var c = await factory.HomeworkCohortAsync();
        var admin = await factory.SignedInAsync("admin@demo.local");
        var edit = $"{c.FacultyPage}/assignments/{c.Assignment.Id}";

        var saved = await admin.PostMultipartAsync(edit, edit, Fields("Handbook chapter 1: key points", "Read chapter 1 again.", c.Group.StartDate.AddDays(7)),
            ("Form.File", "sheet.png", Png(), "image/png"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = (await AssignmentsAsync(c)).Single();
        Assert.Equal(("Handbook chapter 1: key points", "Read chapter 1 again."), (stored.Title, stored.Instructions));
        Assert.NotNull(stored.FileId);

        // Ann hands it in: the assignment can no longer be deleted.
        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await ann.SubmitAsync(c.Assignment.Id, "My key points.")).StatusCode);
        Assert.Contains("cannot be deleted", PortalClient.Decode(await admin.GetStringAsync(edit)));
        var refused = await admin.PostFormAsync(edit, edit + "/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Single(await AssignmentsAsync(c));
        Assert.Contains("was not deleted: members have already handed it in", PortalClient.Decode(await admin.GetStringAsync(c.FacultyPage)));

        // A new one nobody has handed in is deleted, with its file.
        var page = NewPage(c);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostMultipartAsync(page, page, Fields("Spare", "", c.Group.StartDate.AddDays(9)),
            ("Form.File", "spare.pdf", Pdf(), "application/pdf"))).StatusCode);
        var spare = (await AssignmentsAsync(c)).Last();
        var spareEdit = $"{c.FacultyPage}/assignments/{spare.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(spareEdit, spareEdit + "/delete", [])).StatusCode);
        Assert.Single(await AssignmentsAsync(c));
        Assert.False(await factory.WithDbAsync(db => db.UploadedFiles.AnyAsync(f => f.Id == spare.FileId)));
    }

    [Fact]
    public async Task The_handbook_is_uploaded_by_faculty_replaced_and_downloaded_by_members_only()
    {
        var c = await factory.HomeworkCohortAsync();
        var trainer = await factory.SignedInAsync(c.Trainer.Email!, TestUsers.Password);
        var action = c.FacultyPage + "/handbook";

        var wrong = await trainer.PostMultipartAsync(c.FacultyPage, action, [], ("Handbook.File", "handbook.pdf", Exe(), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("This file is not a PDF, PNG or JPEG", FieldError(await wrong.Content.ReadAsStringAsync(), "Handbook.File"));

        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostMultipartAsync(c.FacultyPage, action, [], ("Handbook.File", "handbook v1.pdf", Pdf(), "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.PostMultipartAsync(c.FacultyPage, action, [], ("Handbook.File", "handbook v2.pdf", Pdf(3000), "application/pdf"))).StatusCode);
        var handbook = Assert.Single(await factory.WithDbAsync(db => db.UploadedFiles.AsNoTracking().Where(f => f.GroupId == c.Group.Id && f.Purpose == FilePurpose.Handbook).ToListAsync()));
        Assert.Equal("handbook v2.pdf", handbook.FileName);
        var url = "/files/" + handbook.PublicId;

        var ann = await factory.SignedInAsync(c.Ann.Email!, TestUsers.Password);
        Assert.Contains(url, await ann.GetStringAsync(MemberPage));
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync(url)).StatusCode);

        var outsider = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainee)).Email!, TestUsers.Password);
        var otherTrainer = await factory.SignedInAsync((await factory.CreateAsync(Roles.Trainer)).Email!, TestUsers.Password);
        var reviewer = await factory.SignedInAsync((await factory.CreateAsync(Roles.Reviewer)).Email!, TestUsers.Password);
        foreach (var client in new[] { outsider, otherTrainer, reviewer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.DoesNotContain(url, await client.GetStringAsync(MemberPage));
        }
        Assert.Contains("You are not a member of a Train-the-Trainer cohort", PortalClient.Decode(await outsider.GetStringAsync(MemberPage)));
    }
}
