namespace TrainingPortal.Web.Tests.Eligibility;

/// <summary>The Programs table (seeded by the migration) lists exactly the catalog's programs, so every rule set can be enrolled in.</summary>
public sealed class ProgramTableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_programs_table_matches_the_rule_set_catalog()
    {
        var keys = await factory.WithDbAsync(db => db.Programs.AsNoTracking().Select(p => p.Key).ToListAsync());

        Assert.Equal(RuleSetCatalog.Default.ProgramKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }
}
