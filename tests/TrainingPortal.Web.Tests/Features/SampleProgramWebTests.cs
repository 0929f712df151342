using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Domain.Tests.Programs;
using TrainingPortal.Web.Features.Approvals;
using TrainingPortal.Web.Features.Certificates;
using TrainingPortal.Web.Features.Credentials;
using TrainingPortal.Web.Features.Enrollments;
using TrainingPortal.Web.Features.GroupAdmin;
using TrainingPortal.Web.Features.Roster;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// The web's program-dependent parts read the test-only sample program (<see cref="SampleProgram"/>) from a catalog
/// that holds it, with no other code written for it: the new-group form offers its kind, the enroll form and the
/// import place enrollments in it, the approval page labels the button, the certificate and the badge name it, the
/// roster lists it.
/// </summary>
public sealed class SampleProgramWebTests
{
    private static readonly ProgramCatalog Programs = SampleProgram.Programs;

    [Fact]
    public void The_new_group_form_offers_its_kind_with_its_defaults()
    {
        var offered = GroupKinds.Offered(Programs);
        var circle = Assert.Single(offered, k => k.Kind == SampleProgram.Circle);
        Assert.Equal("MI Champions circle — 8 weekly sessions of 1 hour", circle.Description);
        Assert.Same(circle, GroupKinds.KindOf(new GroupForm { Kind = SampleProgram.Circle }, Programs));
        Assert.Null(GroupKinds.KindOf(new GroupForm { Kind = SampleProgram.Circle })); // the shipped catalog does not know it
        Assert.Equal(GroupKinds.Offered().Count + 1, offered.Count);
    }

    [Fact]
    public void Its_enrollments_are_placed_in_its_kind_of_group()
    {
        Assert.Equal(SampleProgram.Circle, ProgramGroups.GroupKindFor(SampleProgram.Key, Programs));
        Assert.Null(ProgramGroups.ClassroomKindFor(SampleProgram.Key, Programs));
        Assert.Null(ProgramGroups.GroupKindFor(SampleProgram.Key)); // unknown to the shipped catalog: no group, no default
    }

    [Fact]
    public void Approval_certificate_badge_and_roster_use_its_definition()
    {
        Assert.Equal("Approve MI Champion", ApprovalService.ApproveLabel(SampleProgram.Key, Programs));
        Assert.Equal("MI Champion", CertificateService.CredentialTitle(SampleProgram.Key, EndorsementLevel.None, Programs));
        Assert.Equal("Certificate", OpenBadgeCredentials.AchievementType(SampleProgram.Key, Programs));
        Assert.Equal(new RosterCredentials.Credential(SampleProgram.Key, "MI Champion"), RosterCredentials.For(Programs)[^1]);
        Assert.Equal(RosterCredentials.All, RosterCredentials.For(ProgramCatalog.Default));
    }

    [Fact]
    public void A_key_no_program_has_is_refused_not_given_another_programs_words()
    {
        // Before the catalog, an unknown key was quietly labelled "Approve completion" and titled "Certificate".
        Assert.Throws<KeyNotFoundException>(() => ApprovalService.ApproveLabel(SampleProgram.Key));
        Assert.Throws<KeyNotFoundException>(() => CertificateService.CredentialTitle(SampleProgram.Key));
        Assert.Throws<KeyNotFoundException>(() => OpenBadgeCredentials.AchievementType(SampleProgram.Key));
    }
}
