using System.Reflection;
using System.Text.Json.Serialization;
using TrainingPortal.Web.Standings;

namespace TrainingPortal.Web.Tests.Standings;

/// <summary>
/// The stored verdict is read on every trainee home, group page and attendance screen (issue 10): it is read through
/// a source-generated JSON context, into documents System.Text.Json reads with its fast property converter, and it
/// reads back whole.
/// </summary>
public sealed class StoredVerdictSerializationTests
{
    [Fact]
    public void Stored_verdict_documents_are_read_through_a_source_generated_context_not_constructor_parameters()
    {
        var docs = typeof(StoredVerdict).GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
            .Where(t => t.Name.EndsWith("Doc", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, docs.Count);
        foreach (var doc in docs)
        {
            // A public parameterless constructor: no "large object with parameterized constructor" converter.
            Assert.NotNull(doc.GetConstructor(Type.EmptyTypes));
            foreach (var property in doc.GetProperties())
            {
                // Plain setters: the generator passes init-only properties as constructor arguments (the same slow path).
                var setter = property.GetSetMethod();
                Assert.NotNull(setter);
                Assert.DoesNotContain(typeof(System.Runtime.CompilerServices.IsExternalInit), setter.ReturnParameter.GetRequiredCustomModifiers());
            }
        }
        var context = StoredVerdictJson.Default;
        Assert.IsAssignableFrom<JsonSerializerContext>(context);
        Assert.NotNull(context.GetTypeInfo(typeof(StoredVerdict).GetNestedType("VerdictDoc", BindingFlags.NonPublic)!));
    }

    [Fact]
    public void A_verdict_reads_back_whole()
    {
        var verdict = new Verdict("MIO", 3, "Individual", new DateOnly(2026, 11, 30), OverallStatus.NotYetEligible,
        [
            new RequirementResult("hours", "Consultation hours", "Hours", RequirementStatus.NotMet, 12.5m, 40m, "hours",
                "You have 12.5 of 40 hours.", true)
            {
                CanStillBeMet = true,
                ExplanationTemplate = "{you} have 12.5 of 40 hours.",
                WaiverReason = null,
                Forecast = new Forecast("On track", true, false, 8, 2, 27.5m, new DateOnly(2027, 1, 2)) { SummaryTemplate = "{You} are on track" },
                Findings = [new Finding("Meeting 3", "Missing mark", new DateOnly(2026, 10, 1)), new Finding("Log", "Gap", null)],
            },
            new RequirementResult("case", "Case write-up", "Document", RequirementStatus.Met, 1, 1, "", "Done.", false) { WaiverReason = "Waived by the board" },
        ]);
        var text = StoredVerdict.Serialize(verdict);
        Assert.StartsWith(StoredVerdict.Prefix, text, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"NotYetEligible\"", text, StringComparison.Ordinal); // enums stored by name
        var back = StoredVerdict.TryParse(text);
        Assert.NotNull(back);
        Assert.Equal(StoredVerdict.Serialize(back), text);
        var r = back.Requirements[0];
        Assert.Equal(("hours", 12.5m, 40m, true, true), (r.Key, r.Current, r.Target, r.Blocking, r.CanStillBeMet));
        Assert.Equal("{you} have 12.5 of 40 hours.", r.ExplanationTemplate);
        Assert.Equal("{You} are on track", r.Forecast!.SummaryTemplate);
        Assert.Equal(27.5m, r.Forecast.StillNeeded);
        Assert.Equal(2, r.Findings.Count);
        Assert.Null(r.Findings[1].Date);
        Assert.Equal("Done.", back.Requirements[1].ExplanationTemplate);
        Assert.Equal("Waived by the board", back.Requirements[1].WaiverReason);
        Assert.Null(StoredVerdict.TryParse(text.Replace(StoredVerdict.Stamp, "0000000000000000", StringComparison.Ordinal)));
        Assert.Null(StoredVerdict.TryParse(StoredVerdict.Prefix + "not json"));
    }

    [Fact]
    public void The_same_stored_text_is_parsed_once_and_memory_stays_bounded()
    {
        var verdict = new Verdict("MIO", 1, null, new DateOnly(2026, 11, 30), OverallStatus.Eligible,
            [new RequirementResult("hours", "Hours", "Hours", RequirementStatus.Met, 40m, 40m, "hours", "Done.", true)]);
        var text = StoredVerdict.Serialize(verdict);
        var first = StoredVerdict.TryParse(text);
        Assert.NotNull(first);
        Assert.Same(first, StoredVerdict.TryParse(new string(text.AsSpan()))); // an equal text read again from the database
        var other = StoredVerdict.TryParse(text.Replace("\"Done.\"", "\"Done!\"", StringComparison.Ordinal));
        Assert.Equal("Done!", other!.Requirements[0].Explanation);
        Assert.Equal("Done.", StoredVerdict.TryParse(text)!.Requirements[0].Explanation);
        for (var i = 0; i < StoredVerdict.RecentCapacity + 10; i++)
        {
            Assert.NotNull(StoredVerdict.TryParse(text.Replace("\"Done.\"", $"\"Done {i}\"", StringComparison.Ordinal)));
        }
        Assert.InRange(StoredVerdict.RecentCount, 1, StoredVerdict.RecentCapacity);
    }

    [Fact]
    public void A_text_read_once_is_known_by_its_key_and_only_by_its_own()
    {
        var verdict = new Verdict("MIO", 1, null, new DateOnly(2026, 11, 29), OverallStatus.NotYetEligible,
            [new RequirementResult("calls", "Calls", "Attendance", RequirementStatus.NotMet, 6m, 14m, "calls", "Six of fourteen.", true)]);
        var text = StoredVerdict.Serialize(verdict);
        var key = StoredVerdict.Key(text);
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(StoredVerdict.KeyLength, key.Length);
        Assert.Equal(key, StoredVerdict.Key(new string(text.AsSpan())));
        var otherText = text.Replace("\"Six of fourteen.\"", "\"Seven of fourteen.\"", StringComparison.Ordinal);
        var otherKey = StoredVerdict.Key(otherText);
        Assert.NotEqual(key, otherKey);

        Assert.Null(StoredVerdict.Known(otherKey)); // never read: the caller reads the text
        Assert.Null(StoredVerdict.Known(null));
        var read = StoredVerdict.TryParse(text);
        Assert.Same(read, StoredVerdict.Known(key));
        Assert.Null(StoredVerdict.Known(otherKey));
        Assert.Equal("Seven of fourteen.", StoredVerdict.TryParse(otherText)!.Requirements[0].Explanation);
        Assert.Equal("Seven of fourteen.", StoredVerdict.Known(otherKey)!.Requirements[0].Explanation);
        Assert.Equal("Six of fourteen.", StoredVerdict.Known(key)!.Requirements[0].Explanation);
    }
}
