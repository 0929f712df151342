using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TrainingPortal.BrowserTests.Infrastructure;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Programs;
using TrainingPortal.Web.Data.Training;
using static Microsoft.Playwright.Assertions;

namespace TrainingPortal.BrowserTests;

/// <summary>
/// Issue 13, corrections: an administrator opens an enrollment from the enrollments list, moves it to another consultation
/// group, sees how the standing would change before saving, saves, and the standing shown is the new group's.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class EnrollmentCorrectionJourneyTests(PortalServer server)
{
    [Fact]
    public Task An_administrator_moves_an_enrollment_to_another_group_and_sees_the_standing_change_first() => server.OnNewPageAsync(async page =>
    {
        var trainee = await server.CreateUserAsync("Trainee");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (enrollmentId, from, to) = await server.WithDbAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == trainee);
            person.DisplayName = "Morgan Moved " + suffix;
            var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1); // clear of the date line in any zone
            TrainingGroup Group(string name)
            {
                var start = today.AddDays(-69);
                var g = new TrainingGroup
                {
                    Kind = GroupKind.MioConsultation, ProgramKey = DefaultRuleSets.Keys.MioRostering, Name = name,
                    StartDate = start, EndDate = start.AddDays(7 * 20 - 1), MeetingDay = DayOfWeek.Monday, MeetingTime = new TimeOnly(12, 0),
                    TimeZoneId = "America/New_York", Weeks = 20, DurationMinutes = 60,
                };
                g.Meetings.AddRange(GroupSchedule.Generate(g));
                return g;
            }
            var a = Group("Journey group A " + suffix);
            var b = Group("Journey group B " + suffix);
            db.Groups.AddRange(a, b);
            var enrollment = new Enrollment
            {
                PersonId = person.Id,
                ProgramKey = DefaultRuleSets.Keys.MioRostering,
                RuleSetId = RuleSetCatalog.Default.Current(DefaultRuleSets.Keys.MioRostering, today.AddDays(-80))!.Id,
                Status = EnrollmentStatus.Active,
                CreatedOn = today.AddDays(-80),
                CreatedUtc = DateTime.UtcNow.AddDays(-80),
                Group = a,
            };
            db.Enrollments.Add(enrollment);
            // The calls of group B the trainee attended (recorded there before the move is corrected).
            foreach (var m in b.Meetings.Where(m => m.StartsUtc < DateTime.UtcNow.AddDays(-1)))
            {
                db.Attendance.Add(new Attendance { Meeting = m, PersonId = person.Id, Mark = AttendanceMark.Present });
            }
            await db.SaveChangesAsync();
            return (enrollment.Id, a.Name, b);
        });

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail address").FillAsync(PortalServer.DemoAdministrator);
        await page.GetByLabel("Password").FillAsync(PortalServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await server.AnswerSecondStepAsync(page);

        await page.GotoAsync("/admin/enrollments?program=mio-rostering");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Morgan Moved {suffix}") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/enrollments/{enrollmentId}$"));
        await Expect(page.GetByTestId("group")).ToHaveTextAsync(from);
        var consultation = page.Locator("[data-testid=requirement][data-key=consultation-attendance]");
        await Expect(consultation.GetByTestId("figure")).ToHaveTextAsync(new Regex(@"^0 / "));

        // Step 1: the effect, nothing saved.
        await page.GetByLabel("Move to").SelectOptionAsync(to.Id.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel(new Regex("^count: the attendance recorded there counts")).CheckAsync(); // a correction: they were in group B
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the effect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Move to {to.Name}?", Level = 1 })).ToBeVisibleAsync();
        var effect = page.Locator("[data-testid=move-effect] tr[data-key=consultation-attendance]");
        await Expect(effect.GetByTestId("before")).ToContainTextAsync(" · 0 / ");
        await Expect(effect.GetByTestId("after")).ToHaveTextAsync(new Regex(@" · [1-9]\d* / "));
        await PortalServer.ScreenshotAsync(page, "enrollment-move-effect");
        Assert.Equal(from, await server.WithDbAsync(db => db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => e.Group!.Name).SingleAsync()));

        // Step 2: saved; the page shows the new group and its standing.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Move to {to.Name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Moved to {to.Name}.");
        await Expect(page.GetByTestId("group")).ToHaveTextAsync(to.Name);
        await Expect(consultation.GetByTestId("figure")).ToHaveTextAsync(new Regex(@"^[1-9]\d* / "));
        await PortalServer.ScreenshotAsync(page, "enrollment-moved");
    });
}
