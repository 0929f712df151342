using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Standings;
using TrainingPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static TrainingPortal.Web.Tests.Testing.QueueData;

namespace TrainingPortal.Web.Tests.Features.Approvals;

/// <summary>The queue over 10,000 enrollments with fresh standings: a fixed, small number of SQL commands.</summary>
public sealed class QueueScaleTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    public const int Enrollments = 10_000;

    /// <summary>
    /// 10,000 MIO rostering enrollments of 10,000 people in 2,500 consultation groups of 4, each with a fresh
    /// standing (2 in 5 eligible), inserted with three INSERT … SELECT statements (≈ 0.4–0.8 s).
    /// </summary>
    internal static async Task SeedAsync(Web.Data.AppDbContext db, DateOnly evaluatedOn, string tag)
    {
        var summary = JsonSerializer.Serialize(new List<StandingItem>
        {
            new("classroom-hours", "16 hours of classroom training", RequirementStatus.Met, 16, 16, "hours", true),
            new("consultation-attendance", "Attend at least 70% of consultation calls", RequirementStatus.Met, 18, 14, "calls", true),
            new("training-cases-begun", "Begin MIO with two training cases", RequirementStatus.Met, 2, 2, "cases", true),
            new("training-case-dose", "See one training case for at least 8 sessions", RequirementStatus.Met, 12, 8, "sessions", true),
            new("consent-and-recording", "Consent for audio recording, and every session recorded", RequirementStatus.Met, 13, 13, "sessions", true),
            new("audio-clips", "Play 6 de-identified audio clips for feedback", RequirementStatus.Met, 6, 6, "clips", true),
        });
        var on = evaluatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var upper = tag.ToUpperInvariant();
        // Built first and run as whole statements: the only values are this method's own constants.
        string[] statements =
        [
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments / 4 - 1})
            INSERT INTO Groups (Kind, ProgramKey, Name, StartDate, EndDate, MeetingDay, MeetingTime, TimeZoneId, Weeks, DurationMinutes)
            SELECT 'MioConsultation', 'mio-rostering', 'Bulk {tag} group ' || i, '2025-12-01', '2026-05-31', 'Monday', '12:00:00', 'America/New_York', 26, 60 FROM n;
            """,
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments - 1})
            INSERT INTO AspNetUsers (Id, DisplayName, CertificateName, TimeZoneId, CreatedUtc, UserName, NormalizedUserName, Email, NormalizedEmail,
                EmailConfirmed, SecurityStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, ListedOnRoster)
            SELECT 'bulk-{tag}-' || i, 'Clinician {tag} ' || i, 'Clinician {tag} ' || i, 'America/New_York', '2025-11-01 12:00:00',
                'bulk-{tag}-' || i || '@bulk.local', 'BULK-{upper}-' || i || '@BULK.LOCAL', 'bulk-{tag}-' || i || '@bulk.local',
                'BULK-{upper}-' || i || '@BULK.LOCAL', 1, 'stamp', 0, 0, 1, 0, 0 FROM n;
            """,
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Enrollments - 1})
            INSERT INTO Enrollments (PersonId, ProgramKey, RuleSetId, GroupId, Status, CreatedOn, CreatedUtc, HeldEndorsement, ProvidesReflectiveSupervision, Version)
            SELECT 'bulk-{tag}-' || i, 'mio-rostering', 'mio-rostering@1',
                (SELECT MIN(Id) FROM Groups WHERE Name = 'Bulk {tag} group 0') + i / 4, 'Active',
                date('2025-11-10', '+' || (i % 20) || ' days'), '2025-11-10 12:00:00', 'None', 0, lower(hex(randomblob(16))) FROM n;
            """,
            $$"""
            INSERT INTO EnrollmentStandings (EnrollmentId, Status, MetCount, BlockingCount, Summary, EvaluatedOn, EvaluatedUtc, Stale)
            SELECT e.Id, CASE WHEN e.Id % 5 < 2 THEN 'Eligible' ELSE 'NotYetEligible' END, CASE WHEN e.Id % 5 < 2 THEN 6 ELSE 5 END, 6,
                {0}, '{{on}}', '{{on}} 06:00:00', 0
            FROM Enrollments e WHERE e.PersonId LIKE 'bulk-{{tag}}-%';
            """,
        ];
        // The same rows in PostgreSQL's dialect (quoted names, booleans, generate_series) when the hosts run on it.
        string[] postgres =
        [
            $"""
            INSERT INTO "Groups" ("Kind", "ProgramKey", "Name", "StartDate", "EndDate", "MeetingDay", "MeetingTime", "TimeZoneId", "Weeks", "DurationMinutes")
            SELECT 'MioConsultation', 'mio-rostering', 'Bulk {tag} group ' || i, DATE '2025-12-01', DATE '2026-05-31', 'Monday', TIME '12:00:00', 'America/New_York', 26, 60
            FROM generate_series(0, {Enrollments / 4 - 1}) AS n(i);
            """,
            $"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CertificateName", "TimeZoneId", "CreatedUtc", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "SecurityStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "ListedOnRoster")
            SELECT 'bulk-{tag}-' || i, 'Clinician {tag} ' || i, 'Clinician {tag} ' || i, 'America/New_York', TIMESTAMPTZ '2025-11-01 12:00:00Z',
                'bulk-{tag}-' || i || '@bulk.local', 'BULK-{upper}-' || i || '@BULK.LOCAL', 'bulk-{tag}-' || i || '@bulk.local',
                'BULK-{upper}-' || i || '@BULK.LOCAL', TRUE, 'stamp', FALSE, FALSE, TRUE, 0, FALSE
            FROM generate_series(0, {Enrollments - 1}) AS n(i);
            """,
            $"""
            INSERT INTO "Enrollments" ("PersonId", "ProgramKey", "RuleSetId", "GroupId", "Status", "CreatedOn", "CreatedUtc", "HeldEndorsement", "ProvidesReflectiveSupervision", "PastMeetingsNotApplicable", "Version")
            SELECT 'bulk-{tag}-' || i, 'mio-rostering', 'mio-rostering@1',
                (SELECT MIN("Id") FROM "Groups" WHERE "Name" = 'Bulk {tag} group 0') + i / 4, 'Active',
                DATE '2025-11-10' + (i % 20), TIMESTAMPTZ '2025-11-10 12:00:00Z', 'None', FALSE, FALSE, gen_random_uuid()
            FROM generate_series(0, {Enrollments - 1}) AS n(i);
            """,
            $$"""
            INSERT INTO "EnrollmentStandings" ("EnrollmentId", "Status", "MetCount", "BlockingCount", "Summary", "EvaluatedOn", "EvaluatedUtc", "Stale")
            SELECT e."Id", CASE WHEN e."Id" % 5 < 2 THEN 'Eligible' ELSE 'NotYetEligible' END, CASE WHEN e."Id" % 5 < 2 THEN 6 ELSE 5 END, 6,
                {0}, DATE '{{on}}', TIMESTAMPTZ '{{on}} 06:00:00Z', FALSE
            FROM "Enrollments" e WHERE e."PersonId" LIKE 'bulk-{{tag}}-%';
            """,
        ];
        foreach (var sql in TestDatabase.IsPostgres ? postgres : statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql, summary);
        }
    }

    [Fact]
    public async Task The_queue_over_10000_enrollments_takes_at_most_5_sql_commands()
    {
        var today = factory.TodayInNewYork();
        await using (var db = factory.NewContext()) // starts the app (migrations, demo data) before the clock
        {
            var clock0 = Stopwatch.StartNew();
            await SeedAsync(db, today, "scale");
            output.WriteLine($"seeded {Enrollments} enrollments with standings in {clock0.ElapsedMilliseconds} ms");
        }
        var clock = Stopwatch.StartNew();
        await factory.RefreshDueAsync(); // the demo enrollments of the Development seed, so that every standing is fresh
        var eligible = await factory.WithDbAsync(db => db.Standings.CountAsync(s => s.Status == OverallStatus.Eligible
            && db.Enrollments.Any(e => e.Id == s.EnrollmentId && e.Status == Web.Data.Training.EnrollmentStatus.Active)));
        Assert.InRange(eligible, Enrollments * 2 / 5, Enrollments * 2 / 5 + 50);
        var (_, admin) = await factory.AdminAsync();
        await admin.GetStringAsync("/admin/approvals"); // first request compiles the view
        var counter = factory.Services.GetRequiredService<CommandCounter>();

        counter.Reset();
        clock.Restart();
        var html = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals"));
        var firstPage = (Commands: counter.Count, clock.Elapsed);
        counter.Reset();
        clock.Restart();
        var groupId = await factory.WithDbAsync(db => db.Groups.Where(g => g.Name == "Bulk scale group 7").Select(g => g.Id).SingleAsync());
        counter.Reset();
        var filtered = PortalClient.Decode(await admin.GetStringAsync($"/admin/approvals?program=mio-rostering&group={groupId}&page=1"));
        var filteredPage = (Commands: counter.Count, clock.Elapsed);
        counter.Reset();
        var last = PortalClient.Decode(await admin.GetStringAsync("/admin/approvals?page=999"));
        var lastPage = counter.Count;

        output.WriteLine($"queue page 1: {firstPage.Commands} commands, {firstPage.Elapsed.TotalMilliseconds:0} ms; " +
            $"filtered: {filteredPage.Commands} commands, {filteredPage.Elapsed.TotalMilliseconds:0} ms; last page: {lastPage} commands");
        Assert.InRange(firstPage.Commands, 1, 5);
        Assert.InRange(filteredPage.Commands, 1, 5);
        Assert.InRange(lastPage, 1, 5);
        Assert.Equal(QueuePage.PageSize, QueueIds(html).Count);
        Assert.Contains($"enrollments 1–50 of {eligible} waiting for approval", html);
        var dates = System.Text.RegularExpressions.Regex.Matches(html, "<td class=\"text-nowrap\"><time datetime=\"([0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(QueuePage.PageSize, dates.Count);
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates); // longest enrolled first
        Assert.InRange(QueueIds(filtered).Count, 1, 4); // a group of 4, some eligible
        Assert.Contains("Next page</a>", html);
        var pages = (eligible + QueuePage.PageSize - 1) / QueuePage.PageSize;
        Assert.Contains($"Page {pages} of {pages}", last); // a page beyond the end shows the last one
        Assert.Contains("<span class=\"page-link\">Next page</span>", last);
    }
}
