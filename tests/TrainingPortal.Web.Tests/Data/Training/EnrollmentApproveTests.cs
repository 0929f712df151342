using TrainingPortal.Web.Data.Training;

namespace TrainingPortal.Web.Tests.Data.Training;

/// <summary>Approving is a method of the enrollment (<see cref="Enrollment.Approve"/>) that checks its state and sets the fields together.</summary>
public sealed class EnrollmentApproveTests
{
    private static readonly DateOnly Began = new(2026, 1, 5);
    private static readonly DateTime At = new(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);

    private static Enrollment Active() => new() { Id = 7, PersonId = "p", Status = EnrollmentStatus.Active, CreatedOn = Began };

    [Fact]
    public void Approve_completes_the_enrollment_on_the_award_date_with_a_new_version()
    {
        var enrollment = Active();
        var version = enrollment.Version;

        enrollment.Approve(new DateOnly(2026, 11, 20), "admin-1", At);

        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        Assert.Equal(new DateOnly(2026, 11, 20), enrollment.CompletedOn);
        Assert.Equal("admin-1", enrollment.ApprovedById);
        Assert.Equal(At, enrollment.ApprovedUtc);
        Assert.NotEqual(version, enrollment.Version);
    }

    [Fact]
    public void Approve_on_the_day_the_enrollment_began_is_allowed()
    {
        var enrollment = Active();
        enrollment.Approve(Began, "admin-1", At);
        Assert.Equal(Began, enrollment.CompletedOn);
    }

    [Theory]
    [InlineData(EnrollmentStatus.Completed)]
    [InlineData(EnrollmentStatus.Withdrawn)]
    public void Approve_refuses_an_enrollment_that_is_not_active_and_changes_nothing(EnrollmentStatus status)
    {
        var enrollment = Active();
        enrollment.Status = status;
        var version = enrollment.Version;

        Assert.Throws<InvalidOperationException>(() => enrollment.Approve(Began.AddDays(10), "admin-1", At));

        Assert.Equal(status, enrollment.Status);
        Assert.Null(enrollment.CompletedOn);
        Assert.Null(enrollment.ApprovedById);
        Assert.Equal(version, enrollment.Version);
    }

    [Fact]
    public void Approve_refuses_an_award_date_before_the_enrollment_began_and_changes_nothing()
    {
        var enrollment = Active();

        Assert.Throws<ArgumentOutOfRangeException>(() => enrollment.Approve(Began.AddDays(-1), "admin-1", At));

        Assert.Equal(EnrollmentStatus.Active, enrollment.Status);
        Assert.Null(enrollment.CompletedOn);
    }
}
