using TrainingPortal.Domain.Eligibility;

namespace TrainingPortal.Web.Transcripts;

/// <summary>
/// Reads a person's transcript in four queries whatever their history: the name, the licences, the meetings they
/// attended (present, or part of it: its minutes) of every group, classroom training and cohort — cancelled and
/// future ones excluded — and the trainings they logged (those not accepted by a reviewer left out). CE hours follow
/// the rule set of the group's program (<see cref="RuleSet.ContinuingEducation"/>): face-to-face hours attended, for
/// a licence the policy names; readings, exercises and make-ups earn none.
/// </summary>
public sealed class TranscriptReader(AppDbContext db, PortalClock clock)
{
    public async Task<Transcript?> ReadAsync(string personId, CancellationToken cancellationToken = default)
    {
        var person = await db.Users.AsNoTracking().Where(u => u.Id == personId)
            .Select(u => new { u.DisplayName, u.CertificateName })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }
        var held = await db.Licences.AsNoTracking().Where(l => l.UserId == personId).Select(l => l.Type).Distinct().ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var attended = await (
                from a in db.Attendance.AsNoTracking()
                where a.PersonId == personId && (a.Mark == AttendanceMark.Present || a.Mark == AttendanceMark.Partial)
                join m in db.Meetings on a.MeetingId equals m.Id
                where !m.Cancelled && m.StartsUtc <= now
                join g in db.Groups on m.GroupId equals g.Id
                select new { m.StartsUtc, m.DurationMinutes, m.Title, a.Mark, a.MinutesPresent, g.Name, g.Kind, g.ProgramKey, g.TimeZoneId })
            .ToListAsync(cancellationToken);
        var logged = await db.TrainingHours.AsNoTracking()
            .Where(t => t.PersonId == personId && t.NotAcceptedReason == null)
            .Select(t => new { t.Date, t.Title, t.Provider, t.Hours, t.Verified })
            .ToListAsync(cancellationToken);

        var licences = held.Select(l => l.ToString()).Order(StringComparer.Ordinal).ToList();
        var ceKinds = RuleSetCatalog.Default.All.Where(r => r.ContinuingEducation is not null)
            .SelectMany(r => r.ContinuingEducation!.EligibleLicences).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var lines = new List<TranscriptLine>(attended.Count + logged.Count);
        foreach (var a in attended)
        {
            var date = PortalClock.LocalDate(a.StartsUtc, GroupSchedule.Zone(a.TimeZoneId));
            var minutes = a.Mark == AttendanceMark.Partial ? Math.Clamp(a.MinutesPresent, 0, Math.Max(0, a.DurationMinutes)) : Math.Max(0, a.DurationMinutes);
            var hours = Math.Round(minutes / 60m, 2);
            var policy = RuleSetCatalog.Default.Current(a.ProgramKey, date)?.ContinuingEducation
                ?? RuleSetCatalog.Default.All.Where(r => r.Key == a.ProgramKey).Select(r => r.ContinuingEducation).LastOrDefault(p => p is not null);
            var earnsCe = policy is not null && licences.Any(l => policy.EligibleLicences.Contains(l, StringComparer.OrdinalIgnoreCase));
            var activity = string.IsNullOrWhiteSpace(a.Title) ? a.Name : $"{a.Name}: {a.Title}";
            lines.Add(new TranscriptLine(date, activity, ProgramCatalog.Default.Kind(a.Kind).Name, TranscriptSource.Portal, hours, earnsCe ? hours : null));
        }
        foreach (var t in logged)
        {
            var activity = string.IsNullOrWhiteSpace(t.Provider) ? t.Title : $"{t.Title} ({t.Provider})";
            lines.Add(new TranscriptLine(t.Date, activity, "Training logged by you", t.Verified ? TranscriptSource.Logged : TranscriptSource.LoggedPending, t.Hours, null));
        }
        lines.Sort((x, y) => y.Date.CompareTo(x.Date) is var c && c != 0 ? c : string.CompareOrdinal(x.Activity, y.Activity));

        var ceTotal = lines.Sum(l => l.CeHours ?? 0);
        var licenceRows = licences.Select(l => ceKinds.Contains(l, StringComparer.OrdinalIgnoreCase)
                ? new TranscriptLicence(l, true, ceTotal, $"{Transcript.Hours(ceTotal)} CE hours: the Infant Mental Health course's face-to-face hours attended.")
                : new TranscriptLicence(l, false, 0, "No CE credit: the portal's courses grant CE for " + string.Join(", ", ceKinds) + " licences only."))
            .ToList();
        var name = string.IsNullOrWhiteSpace(person.CertificateName) ? person.DisplayName : person.CertificateName;
        return new Transcript(name, clock.Today, licenceRows, lines, ceKinds);
    }
}
