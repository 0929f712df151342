using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Features.Approvals;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features.Home;

/// <summary>
/// The trainee's home page reads the stored standings where they are current and evaluates live only the others:
/// a fixed, small number of SQL commands whatever the number of enrollments or the years of records, and never a
/// verdict that is out of date.
/// </summary>
public sealed class HomeStandingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>The user, the enrollments with their standings and group names, the certificates, the requests to join.</summary>
    public const int FreshCommands = 4;

    /// <summary>The query that reads stored verdicts' texts this instance has not read before (found by their keys).</summary>
    public const int TextRead = 1;

    private static readonly string[] DemoTrainees =
        ["trainee@demo.local", "trainee2@demo.local", "trainee3@demo.local", "trainee4@demo.local", "trainee5@demo.local", "trainee6@demo.local"];

    private CommandCounter Counter => factory.Services.GetRequiredService<CommandCounter>();

    private static string Programs(string html)
    {
        var start = html.IndexOf("id=\"programs-heading\"", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", start, StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "the home page has its programs section");
        return html[start..end];
    }

    private Task<int> MarkEveryStandingStaleAsync() =>
        factory.WithDbAsync(db => db.Standings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true)));

    private async Task<(string Html, int Commands)> HomeAsync(HttpClient client)
    {
        Counter.Reset();
        var html = PortalClient.Decode(await client.GetStringAsync("/"));
        // All of the page's reads on one connection (on PostgreSQL the session check, read through EF
        // Core before the page, may have opened one too; on SQLite it has its own reader).
        Assert.InRange(Counter.ConnectionOpens, 1, Counter.SessionChecks + 1);
        return (html, Counter.Count);
    }

    [Fact]
    public async Task Every_demo_trainee_sees_the_same_page_from_stored_standings_as_from_a_live_evaluation()
    {
        var clients = new List<HttpClient>();
        foreach (var email in DemoTrainees)
        {
            clients.Add(await factory.SignedInAsync(email));
        }
        await factory.RefreshDueAsync();
        await MarkEveryStandingStaleAsync(); // every verdict evaluated live
        var live = new List<(string Html, int Commands)>();
        foreach (var client in clients)
        {
            live.Add(await HomeAsync(client));
        }

        Assert.True(await factory.RefreshDueAsync() > 0);
        for (var i = 0; i < clients.Count; i++)
        {
            var stored = await HomeAsync(clients[i]);
            Assert.Equal(FreshCommands, stored.Commands);
            Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, live[i].Commands);
            Assert.Contains("data-testid=\"enrollment\"", stored.Html);
            Assert.Equal(Programs(live[i].Html), Programs(stored.Html));
        }
    }

    [Fact]
    public async Task A_stored_verdict_reads_back_whole_for_every_demo_enrollment()
    {
        var verdicts = await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Web.Data.AppDbContext>();
            var ids = await db.Enrollments.Select(e => e.Id).ToListAsync();
            return await services.GetRequiredService<EligibilityService>().ForEnrollmentsAsync(ids);
        });
        Assert.True(verdicts.Count >= 8);
        Assert.Contains(verdicts, v => v.Verdict.Requirements.Any(r => r.Forecast is not null));
        Assert.Contains(verdicts, v => v.Verdict.Requirements.Any(r => r.Findings.Count > 0));
        Assert.Contains(verdicts, v => v.Verdict.Requirements.Any(r => r.ExplanationTemplate != r.Explanation));

        foreach (var v in verdicts)
        {
            var text = StoredVerdict.Serialize(v.Verdict);
            Assert.StartsWith(StoredVerdict.Prefix, text, StringComparison.Ordinal);
            var back = StoredVerdict.TryParse(text);
            Assert.NotNull(back);
            AssertSame(v.Verdict, back, "verdict");
        }
        Assert.Null(StoredVerdict.TryParse(StoredVerdict.Serialize(verdicts[0].Verdict).Replace(StoredVerdict.Stamp, "0123456789abcdef", StringComparison.Ordinal)));
        Assert.Null(StoredVerdict.TryParse(StoredVerdict.Prefix + "not json"));
        Assert.Null(StoredVerdict.TryParse(null));
    }

    /// <summary>Every public property, recursively (a property added to the verdict later must be stored too).</summary>
    private static void AssertSame(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }
        if (expected is IEnumerable list && expected is not string)
        {
            var a = list.Cast<object?>().ToList();
            var b = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(a.Count == b.Count, $"{path}: {a.Count} vs {b.Count} items");
            for (var i = 0; i < a.Count; i++)
            {
                AssertSame(a[i], b[i], $"{path}[{i}]");
            }
            return;
        }
        var type = expected.GetType();
        Assert.Equal(type, actual.GetType());
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateOnly)
        {
            Assert.True(Equals(expected, actual), $"{path}: {expected} vs {actual}");
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (p.Name == "EqualityContract")
            {
                continue;
            }
            AssertSame(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
        }
    }

    private async Task<AppUser> TraineeWithLittleAsync()
    {
        var user = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var person = await db.Users.SingleAsync(u => u.Id == user.Id);
        var start = factory.TodayInNewYork().AddDays(-30);
        var group = ConsultationGroup(start, weeks: 26, name: "Short history group");
        var classroom = Classroom(start.AddDays(-14));
        db.AddRange(group, classroom, Enroll(person, Domain.Eligibility.DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group, classroom));
        AddMioRecords(db, person, group, classroom, attended: 3, tc1Sessions: 2, markedBefore: factory.TodayInNewYork());
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Four programs at once and five years of records: five yearly consultation groups of 26 meetings, weekly hours, monthly RSC.</summary>
    private async Task<AppUser> TraineeWithYearsAsync()
    {
        var user = await factory.CreateAsync();
        await using var db = factory.NewContext();
        var person = await db.Users.SingleAsync(u => u.Id == user.Id);
        var today = factory.TodayInNewYork();
        for (var year = 5; year >= 1; year--)
        {
            var old = ConsultationGroup(today.AddYears(-year), weeks: 26, name: $"Consultation {year} years ago");
            db.Groups.Add(old);
            var i = 0;
            foreach (var m in old.Meetings)
            {
                db.Attendance.Add(new Attendance { Meeting = m, PersonId = person.Id, Mark = i++ % 5 == 0 ? AttendanceMark.Absent : AttendanceMark.Present });
            }
        }
        var start = today.AddDays(-30);
        var group = ConsultationGroup(start, weeks: 26, name: "Current group");
        var classroom = Classroom(start.AddDays(-14));
        var cohort = CourseCohort(today.AddDays(-21));
        db.AddRange(group, classroom, cohort,
            Enroll(person, DefaultRuleSets.Keys.MioRostering, start.AddDays(-20), group, classroom),
            Enroll(person, DefaultRuleSets.Keys.ImhCourse, today.AddDays(-25), cohort),
            Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL1, today.AddYears(-2)),
            Enroll(person, DefaultRuleSets.Keys.ImhEndorsementL2, today.AddYears(-1)));
        AddMioRecords(db, person, group, classroom, attended: 3, tc1Sessions: 2, markedBefore: today);
        for (var week = 0; week < 5 * 52; week++)
        {
            db.TrainingHours.Add(new TrainingHoursRecord
            {
                PersonId = person.Id, Date = today.AddDays(-7 * week - 1), Hours = 1.5m, Title = $"Workshop {week}",
                RelationshipBased = week % 2 == 0, Verified = true, FaceToFace = week % 3 == 0,
            });
        }
        for (var month = 0; month < 60; month++)
        {
            db.RscLog.Add(new RscLogEntry { PersonId = person.Id, Date = today.AddMonths(-month).AddDays(-2), Hours = 1, ProviderApproved = true });
        }
        await db.SaveChangesAsync();
        return user;
    }

    [Fact]
    public async Task The_home_page_costs_the_same_few_commands_for_five_years_and_four_programs_as_for_a_month_and_one()
    {
        var little = await factory.SignedInAsync((await TraineeWithLittleAsync()).Email!, TestUsers.Password);
        var yearsUser = await TraineeWithYearsAsync();
        var years = await factory.SignedInAsync(yearsUser.Email!, TestUsers.Password);
        await factory.RefreshDueAsync();

        var (littleHtml, littleFresh) = await HomeAsync(little);
        var (yearsHtml, yearsFresh) = await HomeAsync(years);
        Assert.Single(Regex.Matches(littleHtml, "data-testid=\"enrollment\""));
        Assert.Equal(4, Regex.Count(yearsHtml, "data-testid=\"enrollment\""));
        Assert.Equal(FreshCommands, littleFresh);
        Assert.Equal(FreshCommands, yearsFresh);

        // Stale: the stale ones are evaluated live, all in one batch of the loader's queries.
        await MarkEveryStandingStaleAsync();
        var (littleLiveHtml, littleLive) = await HomeAsync(little);
        var (yearsLiveHtml, yearsLive) = await HomeAsync(years);
        Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, littleLive);
        Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, yearsLive);
        Assert.Equal(Programs(littleHtml), Programs(littleLiveHtml));
        Assert.Equal(Programs(yearsHtml), Programs(yearsLiveHtml));

        // Mixed: one stale enrollment of four costs the same single batch.
        await factory.RefreshDueAsync();
        var oneId = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.PersonId == yearsUser.Id).MaxAsync(e => e.Id));
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == oneId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Stale, true)));
        var (_, yearsMixed) = await HomeAsync(years);
        Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, yearsMixed);
    }

    [Fact]
    public async Task A_stale_standing_is_never_shown_as_fresh()
    {
        var seeded = await factory.MioClinicianAsync(attended: 13);
        var client = await factory.SignedInAsync(seeded.Person.Email!, TestUsers.Password);
        await factory.RefreshDueAsync();
        var (html, commands) = await HomeAsync(client);
        Assert.Equal(FreshCommands, commands);
        Assert.Contains("13 / 14 calls", html);

        // The page really shows the stored verdict while it is current: a stored figure that no evidence gives shows.
        var stored = (await factory.StandingAsync(seeded.EnrollmentId))!.Verdict!;
        Assert.Contains("\"Current\":13,", stored);
        await SetStoredVerdictAsync(seeded.EnrollmentId, stored.Replace("\"Current\":13,", "\"Current\":7,", StringComparison.Ordinal));
        (html, commands) = await HomeAsync(client);
        Assert.Contains("7 / 14 calls", html);
        Assert.Equal(FreshCommands + TextRead, commands); // a key this instance has not seen: its text is read once …
        (html, commands) = await HomeAsync(client);
        Assert.Contains("7 / 14 calls", html);
        Assert.Equal(FreshCommands, commands); // … and then found by its key

        // A change to the evidence through the app's own context marks it stale: the page evaluates live.
        var meetingId = await factory.WithDbAsync(db => db.Attendance
            .Where(a => a.PersonId == seeded.Person.Id && a.Meeting!.GroupId == seeded.GroupId && a.Mark == AttendanceMark.Absent)
            .OrderBy(a => a.Meeting!.StartsUtc).Select(a => a.MeetingId).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            (await db.Attendance.SingleAsync(a => a.PersonId == seeded.Person.Id && a.MeetingId == meetingId)).Mark = AttendanceMark.Present;
            return await db.SaveChangesAsync();
        });
        Assert.True((await factory.StandingAsync(seeded.EnrollmentId))!.Stale);
        (html, commands) = await HomeAsync(client);
        Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, commands);
        Assert.Contains("14 / 14 calls", html);
        Assert.DoesNotContain("7 / 14 calls", html);
        Assert.DoesNotContain("13 / 14 calls", html);

        // A standing evaluated on an earlier day is not current either (verdicts move with the date).
        await factory.RefreshDueAsync();
        stored = (await factory.StandingAsync(seeded.EnrollmentId))!.Verdict!;
        var today = factory.TodayInNewYork();
        await SetStoredVerdictAsync(seeded.EnrollmentId, stored.Replace("\"Current\":14,", "\"Current\":7,", StringComparison.Ordinal));
        (html, _) = await HomeAsync(client);
        Assert.Contains("7 / 14 calls", html);
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == seeded.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EvaluatedOn, today.AddDays(-1))));
        (html, commands) = await HomeAsync(client);
        Assert.Equal(FreshCommands + EvidenceLoader.QueryCount, commands);
        Assert.Contains("14 / 14 calls", html);
        Assert.DoesNotContain("7 / 14 calls", html);
        // … nor a verdict evaluated for another day, whatever the row says.
        var iso = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"\"AsOf\":\"{iso}\"", stored);
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == seeded.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EvaluatedOn, today)));
        await SetStoredVerdictAsync(seeded.EnrollmentId, stored
            .Replace($"\"AsOf\":\"{iso}\"", "\"AsOf\":\"" + today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal)
            .Replace("\"Current\":14,", "\"Current\":7,", StringComparison.Ordinal));
        (html, commands) = await HomeAsync(client);
        Assert.Equal(FreshCommands + TextRead + EvidenceLoader.QueryCount, commands);
        Assert.DoesNotContain("7 / 14 calls", html);

        // Stored by another build of the rules engine or loader: evaluated live.
        await SetStoredVerdictAsync(seeded.EnrollmentId, stored
            .Replace(StoredVerdict.Stamp, "0123456789abcdef", StringComparison.Ordinal)
            .Replace("\"Current\":14,", "\"Current\":7,", StringComparison.Ordinal));
        (html, commands) = await HomeAsync(client);
        Assert.Equal(FreshCommands + TextRead + EvidenceLoader.QueryCount, commands);
        Assert.DoesNotContain("7 / 14 calls", html);
    }

    // The text and its key, as the refresher writes them.
    private Task<int> SetStoredVerdictAsync(int enrollmentId, string verdict) =>
        factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == enrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Verdict, verdict).SetProperty(x => x.VerdictKey, StoredVerdict.Key(verdict))));
}

/// <summary>A portal whose database commands can be watched: <see cref="Probe"/> runs a check when the evidence loader reads attendance.</summary>
public sealed class ProbedPortalFactory : PortalFactory
{
    public AttendanceReadProbe Probe { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddDbInterceptors(Probe);
    }
}

/// <summary>Runs <see cref="OnAttendanceRead"/> once, before the next query that reads the Attendance table.</summary>
public sealed class AttendanceReadProbe : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    public Func<Task>? OnAttendanceRead { get; set; }

    public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (OnAttendanceRead is { } check && command.CommandText.Contains("FROM \"Attendance\"", StringComparison.Ordinal))
        {
            OnAttendanceRead = null;
            await check();
        }
        return result;
    }
}

/// <summary>The refresher never leaves a window in which an outdated verdict looks current.</summary>
public sealed class StandingRefreshWindowTests(ProbedPortalFactory factory) : IClassFixture<ProbedPortalFactory>
{
    [Fact]
    public async Task While_a_stale_standing_is_re_evaluated_its_old_verdict_is_not_current()
    {
        var seeded = await factory.MioClinicianAsync(attended: 13);
        await factory.RefreshDueAsync();
        var today = factory.TodayInNewYork();
        var ruleSetId = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.Id == seeded.EnrollmentId).Select(e => e.RuleSetId).SingleAsync());
        Verdict? Current(Web.Standings.CachedStanding s) =>
            EligibilityService.Current(s.Stale, s.EvaluatedOn, s.Verdict, ruleSetId, today);
        Assert.NotNull(Current((await factory.StandingAsync(seeded.EnrollmentId))!));

        // Evidence changes through the app: the standing is stale, still dated today, its verdict the old one.
        await factory.WithDbAsync(async db =>
        {
            db.TrainingHours.Add(new TrainingHoursRecord { PersonId = seeded.Person.Id, Date = today, Hours = 2, Title = "Workshop" });
            return await db.SaveChangesAsync();
        });
        var stale = (await factory.StandingAsync(seeded.EnrollmentId))!;
        Assert.True(stale.Stale);
        Assert.Equal(today, stale.EvaluatedOn);

        // The refresher clears the flag, then reads the evidence: at that moment a page reading the row must not take the old verdict.
        Web.Standings.CachedStanding? during = null;
        factory.Probe.OnAttendanceRead = async () =>
        {
            await using var db = factory.NewContext();
            during = await db.Standings.AsNoTracking().SingleAsync(s => s.EnrollmentId == seeded.EnrollmentId);
        };
        await factory.RefreshDueAsync();

        Assert.NotNull(during);
        Assert.False(during.Stale);
        Assert.Equal(today, during.EvaluatedOn);
        Assert.Null(Current(during));
        Assert.Null(during.VerdictKey); // cleared with the text: no page finds the old verdict by its key either
        var after = (await factory.StandingAsync(seeded.EnrollmentId))!;
        Assert.NotNull(Current(after));
        Assert.Equal(StoredVerdict.Key(after.Verdict!), after.VerdictKey);
    }

    [Fact]
    public async Task At_start_up_verdicts_stored_by_another_release_are_marked_stale_and_no_others()
    {
        var mine = await factory.MioClinicianAsync(attended: 14);
        var older = await factory.MioClinicianAsync(attended: 13);
        var before = await factory.MioClinicianAsync(attended: 12);
        await factory.RefreshDueAsync();
        var stored = (await factory.StandingAsync(older.EnrollmentId))!.Verdict!;
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == older.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Verdict, stored.Replace(StoredVerdict.Stamp, "0123456789abcdef", StringComparison.Ordinal))));
        await factory.WithDbAsync(db => db.Standings.Where(s => s.EnrollmentId == before.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Verdict, (string?)null)));

        var marked = await factory.WithScopeAsync(services => services.GetRequiredService<StandingRefresher>().MarkOtherBuildsStaleAsync());

        Assert.Equal(2, marked);
        Assert.False((await factory.StandingAsync(mine.EnrollmentId))!.Stale);
        Assert.True((await factory.StandingAsync(older.EnrollmentId))!.Stale);
        Assert.True((await factory.StandingAsync(before.EnrollmentId))!.Stale);
        await factory.RefreshDueAsync();
        Assert.StartsWith(StoredVerdict.Prefix, (await factory.StandingAsync(older.EnrollmentId))!.Verdict, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithScopeAsync(services => services.GetRequiredService<StandingRefresher>().MarkOtherBuildsStaleAsync()));
    }
}
