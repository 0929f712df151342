using TrainingPortal.Web.Features.Home;
using TrainingPortal.Web.Infrastructure;

namespace TrainingPortal.Web.Tests.Features.Home;

/// <summary>The words and figures of a standing: one place, so every page says the same.</summary>
public sealed class StandingTextTests
{
    [Theory]
    [InlineData(13, 14, "calls", "13 / 14 calls")]
    [InlineData(0, 1, "hours", "0 / 1 hour")]
    [InlineData(20, 1, "hours", "20 hours (1 needed)")]   // never "20 / 1 hours"
    [InlineData(1, 0, "hours", "1 hour")]
    [InlineData(1.5, 0, "hours", "1.5 hours")]
    [InlineData(1, 1, "activities", "1 / 1 activity")]
    [InlineData(76.8, 24, "months", "76.8 months (24 needed)")]
    public void Figures_read_naturally(double current, double target, string unit, string expected)
    {
        Assert.Equal(expected, StandingText.Figure((decimal)current, (decimal)target, unit));
    }

    [Theory]
    [InlineData("Receive reflective supervision/consultation", false, "Receive reflective supervision/consultation (recommended)")]
    [InlineData("Receive reflective supervision/consultation (recommended)", false, "Receive reflective supervision/consultation (recommended)")]
    [InlineData("50 hours of reflective supervision/consultation (optional)", false, "50 hours of reflective supervision/consultation (optional)")]
    [InlineData("Attend 70% of calls", true, "Attend 70% of calls")]
    public void Recommended_is_said_once(string title, bool blocking, string expected)
    {
        Assert.Equal(expected, StandingText.Title(title, blocking));
    }

    [Theory]
    [InlineData("IdentityRoleClaim`1", "Role permission")]
    [InlineData("TrainingCaseRecord", "Training case")]
    [InlineData("AppUser", "Account")]
    [InlineData("HomeworkSubmission", "Homework submission")]
    public void Audit_record_types_read_as_words(string clrName, string expected)
    {
        Assert.Equal(expected, Display.EntityType(clrName));
    }

    [Theory]
    [InlineData("SignInLockedOut", "Sign in locked out")]
    [InlineData("Added", "Added")]
    [InlineData("CalendarFeedAddressCreated", "Calendar feed address created")]
    public void Audit_actions_read_as_words(string action, string expected)
    {
        Assert.Equal(expected, Display.Words(action));
    }

    [Theory]
    [InlineData("mio-rostering@1", "version 1")]
    [InlineData("imh-endorsement-l3@2", "version 2")]
    public void A_rule_set_id_reads_as_its_version(string id, string expected)
    {
        Assert.Equal(expected, Display.RuleSetVersion(id));
    }
}
