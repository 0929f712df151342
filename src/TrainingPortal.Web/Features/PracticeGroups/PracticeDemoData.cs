namespace TrainingPortal.Web.Features.PracticeGroups;

/// <summary>
/// Development only: champion@ (Tomás Rivera) hosts two MI practice groups — one in a town, one online — with a few demo
/// trainees as members and a couple of logged sessions, dated relative to today. Idempotent: nothing once he hosts a group.
/// </summary>
public static class PracticeDemoData
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<PortalClock>();
        string[] emails = ["champion@demo.local", "trainee@demo.local", "trainee2@demo.local", "trainee3@demo.local", "trainee4@demo.local"];
        var ids = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        if (ids.Count != emails.Length || await db.MiPracticeGroups.AnyAsync(g => g.HostId == ids["champion@demo.local"]))
        {
            return;
        }
        var now = clock.UtcNow;
        var today = clock.Today;
        var host = ids["champion@demo.local"];
        var town = new MiPracticeGroup
        {
            HostId = host, Name = "Riverside MI practice circle", Town = "Albany, NY", Rhythm = "Every second Tuesday, 7 pm", TimeZoneId = "America/New_York",
            Capacity = 8, Activities = MiActivities.RealPlayOpenQuestions | MiActivities.ReflectionChains | MiActivities.ChangeTalkSpotting, CreatedUtc = now.AddDays(-60),
        };
        var online = new MiPracticeGroup
        {
            HostId = host, Name = "MI practice online — evenings", OnlineLink = "https://meet.example.org/tomas-mi-evenings", Rhythm = "First Thursday of the month, 6:30 pm",
            TimeZoneId = "America/Chicago", Capacity = 12, Activities = MiActivities.VideoReview | MiActivities.ReflectionChains,
            OtherActivities = "Short readings from the MI book", CreatedUtc = now.AddDays(-45),
        };
        db.MiPracticeGroups.AddRange(town, online);
        await db.SaveChangesAsync();

        void Join(MiPracticeGroup group, string email, int daysAgo)
        {
            db.MiPracticeMemberships.Add(new MiPracticeMembership { GroupId = group.Id, PersonId = ids[email], JoinedUtc = now.AddDays(-daysAgo) });
            group.Members++;
        }
        Join(town, "trainee@demo.local", 50);
        Join(town, "trainee2@demo.local", 50);
        Join(town, "trainee3@demo.local", 30);
        Join(online, "trainee@demo.local", 40);
        Join(online, "trainee4@demo.local", 40);

        MiPracticeSession Session(MiPracticeGroup group, int daysAgo, int minutes, MiActivities activities, string note, params string[] came) => new()
        {
            GroupId = group.Id, HeldOn = today.AddDays(-daysAgo), Minutes = minutes, Activities = activities, Note = note, LoggedById = host,
            LoggedUtc = now.AddDays(-daysAgo), Attendees = [.. came.Select(e => new MiPracticeAttendance { PersonId = ids[e] })],
        };
        db.MiPracticeSessions.AddRange(
            Session(town, 28, 90, MiActivities.RealPlayOpenQuestions | MiActivities.ReflectionChains, "Open questions in pairs, then reflection chains of three.",
                "trainee@demo.local", "trainee2@demo.local"),
            Session(town, 14, 90, MiActivities.ChangeTalkSpotting, "Spotting change talk in scripted statements; each member brought one.",
                "trainee@demo.local", "trainee2@demo.local", "trainee3@demo.local"),
            Session(online, 21, 60, MiActivities.VideoReview, "Reviewed a public MI demonstration video and named the reflections.",
                "trainee@demo.local", "trainee4@demo.local"));
        await db.SaveChangesAsync();
    }
}
