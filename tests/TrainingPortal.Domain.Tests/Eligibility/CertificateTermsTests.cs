using TrainingPortal.Domain.Eligibility;
using static TrainingPortal.Domain.Tests.Build;

namespace TrainingPortal.Domain.Tests.Eligibility;

public class CertificateTermsTests
{
    private static RuleSet Rules(string id) => RuleSetCatalog.Default.Find(id)!;

    [Fact]
    public void Rostering_hours_are_classroom_plus_consultation_minutes_attended()
    {
        var evidence = new Evidence
        {
            // 16 h of classroom (two 8-hour days), one partial day of 90 minutes; an absence counts nothing.
            Classroom =
            [
                new(D("2025-01-06"), 480, AttendanceMark.Present),
                new(D("2025-01-07"), 480, AttendanceMark.Present),
                new(D("2025-01-08"), 480, AttendanceMark.Partial, 90),
                new(D("2025-01-09"), 480, AttendanceMark.Absent),
            ],
            // 4 weekly 60-minute meetings: present, partial 30 min, excused, present — the 4th is today (not yet held).
            ConsultationGroup = WeeklyGroup(D("2025-06-09"), 4, D("2025-12-31")),
            ConsultationAttendance =
            [
                new(1, AttendanceMark.Present), new(2, AttendanceMark.Partial, 30), new(3, AttendanceMark.Excused), new(4, AttendanceMark.Present),
            ],
        };

        // 960 + 90 classroom + 60 + 30 consultation = 1140 minutes = 19 h.
        Assert.Equal(19m, CertificateTerms.Hours(Rules("mio-rostering@1"), evidence, D("2025-06-30")));
        // A day later the 4th meeting has been held: 20 h.
        Assert.Equal(20m, CertificateTerms.Hours(Rules("mio-rostering@1"), evidence, D("2025-07-01")));
    }

    [Fact]
    public void Course_hours_are_face_to_face_only_and_CE_only_for_qualifying_licences()
    {
        var sessions = Enumerable.Range(0, 11)
            .Select(i => new ScheduledSession(D("2025-03-03").AddDays(7 * i), i == 10 ? AttendanceMark.Absent : AttendanceMark.Present, MadeUp: i == 10))
            .ToList();
        var course = Rules("imh-course@1");
        var asOf = D("2025-06-30");

        // 10 sessions × 90 minutes = 15 h; the made-up session earns no hours.
        Assert.Equal(15m, CertificateTerms.Hours(course, new Evidence { CourseSessions = sessions }, asOf));
        Assert.Null(CertificateTerms.ContinuingEducationHours(course, new Evidence { CourseSessions = sessions, Licences = [new("LMFT")] }, asOf));
        Assert.Equal(15m, CertificateTerms.ContinuingEducationHours(course, new Evidence { CourseSessions = sessions, Licences = [new("LCSW")] }, asOf));
        // A licence that expired the day before the date earns no CE; one valid through the date does.
        Assert.Null(CertificateTerms.ContinuingEducationHours(course, new Evidence { CourseSessions = sessions, Licences = [new("LMSW", asOf.AddDays(-1))] }, asOf));
        Assert.Equal(15m, CertificateTerms.ContinuingEducationHours(course, new Evidence { CourseSessions = sessions, Licences = [new("LMSW", asOf)] }, asOf));
    }

    [Fact]
    public void Programs_without_hours_or_CE_print_none()
    {
        var evidence = new Evidence { Licences = [new("LCSW")] };
        Assert.Null(CertificateTerms.Hours(Rules("imh-endorsement-l1@1"), evidence, D("2025-06-30")));
        Assert.Null(CertificateTerms.ContinuingEducationHours(Rules("mio-rostering@1"), evidence, D("2025-06-30")));
    }

    [Fact]
    public void No_attendance_on_record_prints_no_hours_rather_than_zero()
    {
        var absent = new Evidence { Classroom = [new(D("2025-01-06"), 480, AttendanceMark.Absent)] };
        Assert.Null(CertificateTerms.Hours(Rules("mio-rostering@1"), Evidence.Empty, D("2025-06-30")));
        Assert.Null(CertificateTerms.Hours(Rules("mio-rostering@1"), absent, D("2025-06-30")));
        // One minute present is printed.
        var oneMinute = new Evidence { Classroom = [new(D("2025-01-06"), 480, AttendanceMark.Partial, 1)] };
        Assert.Equal(1m / 60m, CertificateTerms.Hours(Rules("mio-rostering@1"), oneMinute, D("2025-06-30")));
    }

    [Theory]
    [InlineData("2026-03-14", "2028-01-31")] // awarded mid-year: the next year's renewal is due 31 January two years on
    [InlineData("2026-02-01", "2028-01-31")] // the day after a due date
    [InlineData("2026-01-31", "2027-01-31")] // on a due date: that date's cycle is the previous year's, so the award year itself needs renewing
    [InlineData("2027-01-20", "2028-01-31")] // a renewal approved before the due date covers the year just ended
    public void Endorsement_holds_until_the_next_cycles_due_date(string on, string through)
    {
        Assert.Equal(D(through), CertificateTerms.EndorsementValidThrough(D(on), DefaultRuleSets.YearlyRenewal));
    }
}
