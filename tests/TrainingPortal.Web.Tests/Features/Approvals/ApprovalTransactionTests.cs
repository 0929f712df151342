using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrainingPortal.Web.Data.Training;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Tests.Infrastructure;
using static TrainingPortal.Web.Tests.Testing.QueueData;

namespace TrainingPortal.Web.Tests.Features.Approvals;

/// <summary>A test host whose database refuses to store certificates while <see cref="CertificateInsertFailure.Armed"/> is set.</summary>
public sealed class CertificateFailurePortalFactory : PortalFactory
{
    public CertificateInsertFailure Failure { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddDbInterceptors(Failure);
}

/// <summary>Fails every command that inserts a certificate, as a database error would.</summary>
public sealed class CertificateInsertFailure : DbCommandInterceptor
{
    private volatile bool _armed;

    public bool Armed
    {
        get => _armed;
        set => _armed = value;
    }

    private void ThrowIfCertificateInsert(DbCommand command)
    {
        if (Armed && command.CommandText.Contains("INSERT INTO \"Certificates\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Test: the database refused the certificate.");
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ThrowIfCertificateInsert(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfCertificateInsert(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Approving is one unit: the enrollment is completed and its certificate issued in one transaction, from the one live
/// evaluation the approval was decided on (<see cref="ApprovalService"/> is the one place that reacts to an approval).
/// </summary>
public sealed class ApprovalTransactionTests(CertificateFailurePortalFactory factory) : IClassFixture<CertificateFailurePortalFactory>
{
    private Task<ApprovalResult> ApproveAsync(int enrollmentId, Guid version) =>
        factory.WithScopeAsync(services => services.GetRequiredService<ApprovalService>()
            .ApproveAsync(enrollmentId, services.GetRequiredService<EligibilityService>().Today(), version));

    [Fact]
    public async Task Approving_issues_the_certificate_with_the_approval()
    {
        var clinician = await factory.MioClinicianAsync();
        var version = (await factory.EnrollmentAsync(clinician.EnrollmentId)).Version;

        var approved = Assert.IsType<ApprovalResult.Approved>(await ApproveAsync(clinician.EnrollmentId, version));

        Assert.Equal(CertificateOutcome.Done, approved.Certificate.Outcome);
        var certificate = await factory.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.EnrollmentId == clinician.EnrollmentId));
        Assert.Equal(approved.Certificate.CertificateId, certificate.Id);
        Assert.Equal(EnrollmentStatus.Completed, (await factory.EnrollmentAsync(clinician.EnrollmentId)).Status);
    }

    [Fact]
    public async Task A_certificate_the_database_refuses_undoes_the_approval()
    {
        var clinician = await factory.MioClinicianAsync();
        var before = await factory.EnrollmentAsync(clinician.EnrollmentId);

        factory.Failure.Armed = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ApproveAsync(clinician.EnrollmentId, before.Version));
        }
        finally
        {
            factory.Failure.Armed = false;
        }

        // Nothing of the approval remains: not half-approved without its certificate.
        var after = await factory.EnrollmentAsync(clinician.EnrollmentId);
        Assert.Equal(EnrollmentStatus.Active, after.Status);
        Assert.Null(after.CompletedOn);
        Assert.Null(after.ApprovedUtc);
        Assert.Equal(before.Version, after.Version);
        Assert.False(await factory.WithDbAsync(db => db.Certificates.AnyAsync(c => c.EnrollmentId == clinician.EnrollmentId)));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == nameof(Enrollment) && a.EntityId == Id(clinician.EnrollmentId) && a.Action == "Modified")));

        // And the enrollment can still be approved once the database accepts the certificate.
        var approved = Assert.IsType<ApprovalResult.Approved>(await ApproveAsync(clinician.EnrollmentId, before.Version));
        Assert.Equal(CertificateOutcome.Done, approved.Certificate.Outcome);
    }
}
