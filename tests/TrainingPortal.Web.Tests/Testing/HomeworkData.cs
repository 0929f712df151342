using System.Globalization;
using System.Text.RegularExpressions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Testing;

/// <summary>
/// A Train-the-Trainer cohort with two members who can sign in (Ann and Ben) and one assignment, and the posts the
/// homework pages make, the way a browser makes them (the page's token and the state the page showed).
/// </summary>
public static partial class HomeworkData
{
    public sealed record CohortWithHomework(AppUser Trainer, TrainingGroup Group, AppUser Ann, Enrollment AnnEnrollment, AppUser Ben, HomeworkAssignmentRecord Assignment)
    {
        public string FacultyPage => $"/groups/{Group.Id}/homework";
    }

    public const string MemberPage = "/my/homework";

    public static async Task<CohortWithHomework> HomeworkCohortAsync(this PortalFactory factory, string name = "TTT homework cohort")
    {
        var (trainer, group, _, _) = await factory.TrainTheTrainerCohortAsync(name, "other");
        var ann = await factory.CreateAsync(Roles.Trainee);
        var ben = await factory.CreateAsync(Roles.Trainee);
        var today = factory.PortalToday();
        var annEnrollment = Member(ann, group);
        var assignment = new HomeworkAssignmentRecord { GroupId = group.Id, Title = "Handbook chapter 1", DueOn = today.AddDays(5), Instructions = "Read chapter 1." };
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(annEnrollment, Member(ben, group), assignment);
            return await db.SaveChangesAsync();
        });
        return new CohortWithHomework(trainer, group, ann, annEnrollment, ben, assignment);
    }

    /// <summary>An active Train-the-Trainer enrollment of <paramref name="person"/> in the (saved) cohort.</summary>
    public static Enrollment Member(AppUser person, TrainingGroup cohort)
    {
        var enrollment = Enroll(person, DefaultRuleSets.Keys.MioTrainTheTrainer, cohort.StartDate.AddDays(-5));
        enrollment.GroupId = cohort.Id;
        return enrollment;
    }

    /// <summary>The state stamp the member's page carries for <paramref name="assignmentId"/> (null: no form for it).</summary>
    public static string? MemberSeen(string page, int assignmentId)
    {
        var m = Regex.Match(page, $"action=\"/my/homework/{assignmentId}\"[^>]*>\\s*<h4[^>]*>[^<]*</h4>\\s*<input type=\"hidden\" name=\"Form.Seen\" value=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The member submits <paramref name="assignmentId"/> from <paramref name="page"/> (or the page as it is now).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient member, int assignmentId, string? text,
        (string FileName, byte[] Content, string ContentType)? file = null, string? page = null)
    {
        page ??= await member.GetStringAsync(MemberPage);
        var token = Token(page);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(text ?? ""), "Form.Text");
        form.Add(new StringContent(MemberSeen(page, assignmentId) ?? ""), "Form.Seen");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.ContentType);
            form.Add(part, "Form.File", f.FileName);
        }
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await member.PostAsync($"/my/homework/{assignmentId}", form);
    }

    /// <summary>Faculty decide on a member's submission from <paramref name="page"/> (or the page as it is now).</summary>
    public static async Task<HttpResponseMessage> DecideAsync(this HttpClient faculty, CohortWithHomework c, string personId, string decision,
        string comments = "", string? page = null, int? assignmentId = null)
    {
        page ??= await faculty.GetStringAsync(c.FacultyPage);
        var id = (assignmentId ?? c.Assignment.Id).ToString(CultureInfo.InvariantCulture);
        var seen = Regex.Match(page, $"name=\"Form.AssignmentId\" value=\"{id}\" />\\s*<input type=\"hidden\" name=\"Form.PersonId\" value=\"{Regex.Escape(personId)}\" />\\s*<input type=\"hidden\" name=\"Form.Seen\" value=\"([^\"]*)\"");
        return await faculty.PostAsync(c.FacultyPage, new FormUrlEncodedContent([
            new("Form.AssignmentId", id), new("Form.PersonId", personId), new("Form.Decision", decision), new("Form.Comments", comments),
            new("Form.Seen", seen.Success ? seen.Groups[1].Value : ""), new("__RequestVerificationToken", Token(page))]));
    }

    public static string Token(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>The download links (/files/…) on a page.</summary>
    public static IReadOnlyList<string> FileLinks(string page) =>
        [.. Regex.Matches(page, "href=\"(/files/[A-Za-z0-9_-]{32})\"").Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>The message shown next to <paramref name="field"/> (its error span, id "Form_X-error"), decoded, or null.</summary>
    public static string? FieldError(string html, string field)
    {
        var id = field.Replace('.', '_') + "-error";
        var m = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(?<message>[^<]*)<");
        return m.Success ? PortalClient.Decode(m.Groups["message"].Value) : null;
    }
}
