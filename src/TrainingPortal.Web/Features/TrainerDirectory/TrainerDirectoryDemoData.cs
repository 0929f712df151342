namespace TrainingPortal.Web.Features.TrainerDirectory;

/// <summary>
/// Development only (called from <see cref="DemoData"/>): Ingrid Halvorsen (mitrainer@) has a confirmed, listed
/// directory profile; José Alvarez (trainee5@) has written one that waits for the administrator; Dana Reyes
/// (trainee@) has sent Ingrid a coaching request that waits for her answer. Idempotent: nothing is added once
/// Ingrid has a profile.
/// </summary>
public static class TrainerDirectoryDemoData
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var emails = new[] { "mitrainer@demo.local", "trainee5@demo.local", "trainee@demo.local", "admin@demo.local" };
        var ids = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        if (ids.Count != emails.Length)
        {
            return;
        }
        var ingrid = ids["mitrainer@demo.local"];
        if (await db.MiTrainerProfiles.AnyAsync(p => p.UserId == ingrid))
        {
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var confirmed = new MiTrainerProfile
        {
            UserId = ingrid,
            Bio = "MINT member and MI trainer since 2012. I coach practitioners in health and social care who are learning Motivational Interviewing: "
                + "reflective listening, evoking change talk, and coding your own practice recordings with the MITI. Sessions are practical: "
                + "we listen to a short piece of your work and choose one skill to practise.",
            Languages = "English, Norwegian, Swedish",
            Regions = "Oslo, Western Norway, anywhere online",
            Online = true,
            InPerson = true,
            Fees = "First 30-minute conversation free. Then 90 EUR a session; reduced fees for students and volunteers.",
            Website = "https://mi-coaching.example",
            Phone = "+47 400 00 000",
            MintSince = 2012,
            MintProfileUrl = "https://motivationalinterviewing.org/trainer/ingrid-halvorsen",
            State = AffiliationState.Confirmed,
            StateChangedUtc = now.AddDays(-30),
            StateChangedById = ids["admin@demo.local"],
            CreatedUtc = now.AddDays(-32),
            UpdatedUtc = now.AddDays(-32),
        };
        db.MiTrainerProfiles.Add(confirmed);
        db.MiTrainerProfiles.Add(new MiTrainerProfile
        {
            UserId = ids["trainee5@demo.local"],
            Bio = "Clinical social worker and MINT trainer. I coach new MI practitioners online, in English and Spanish, with a focus on the spirit of MI and on open questions.",
            Languages = "English, Spanish",
            Regions = "New York State, anywhere online",
            Online = true,
            MintSince = 2019,
            MintProfileUrl = "https://motivationalinterviewing.org/trainer/jose-alvarez",
            State = AffiliationState.Waiting,
            CreatedUtc = now.AddDays(-1),
            UpdatedUtc = now.AddDays(-1),
        });
        var request = new CoachingRequest
        {
            TrainerProfile = confirmed,
            PersonId = ids["trainee@demo.local"],
            Goals = "Better reflections in first sessions; recognising change talk.",
            Format = CoachingFormat.Online,
            Status = CoachingStatus.Waiting,
            SentUtc = now.AddDays(-2),
        };
        request.Messages.Add(new CoachingMessage
        {
            AuthorId = ids["trainee@demo.local"],
            Body = "Hello Ingrid, I finished the introductory course and would like monthly coaching online. Tuesday evenings suit me best.",
            SentUtc = now.AddDays(-2),
        });
        db.CoachingRequests.Add(request);
        await db.SaveChangesAsync();
    }
}
