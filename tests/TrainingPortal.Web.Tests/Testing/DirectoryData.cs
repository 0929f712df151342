namespace TrainingPortal.Web.Tests.Testing;

/// <summary>The MI trainer directory's test data: trainers' profiles and coaching requests written straight to the database.</summary>
public static class DirectoryData
{
    /// <summary>A new account with a directory profile in <paramref name="state"/> (listed when confirmed and not paused).</summary>
    public static async Task<(AppUser User, int ProfileId)> TrainerAsync(this PortalFactory factory, AffiliationState state = AffiliationState.Confirmed,
        bool paused = false, string? name = null, string bio = "Coaching in MI.", string languages = "English", string regions = "Oslo",
        bool online = true, bool inPerson = false, string? website = null, string? phone = null)
    {
        var user = await factory.CreateAsync(Roles.Trainee);
        var id = await factory.WithDbAsync(async db =>
        {
            if (name is not null)
            {
                var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
                tracked.DisplayName = name;
                user.DisplayName = name;
            }
            var profile = new MiTrainerProfile
            {
                UserId = user.Id, Bio = bio, Languages = languages, Regions = regions, Online = online, InPerson = inPerson,
                Website = website, Phone = phone, MintSince = 2015, State = state, Paused = paused,
            };
            db.MiTrainerProfiles.Add(profile);
            await db.SaveChangesAsync();
            return profile.Id;
        });
        return (user, id);
    }

    /// <summary>A coaching request from <paramref name="personId"/> to the profile, with its first message.</summary>
    public static Task<int> CoachingRequestAsync(this PortalFactory factory, string personId, int profileId, CoachingStatus status = CoachingStatus.Waiting, string message = "Hello") =>
        factory.WithDbAsync(async db =>
        {
            var request = new CoachingRequest { TrainerProfileId = profileId, PersonId = personId, Goals = "Reflections", Format = CoachingFormat.Online };
            request.Close(status, factory.Time.GetUtcNow().UtcDateTime.AddMinutes(-5));
            request.AnsweredUtc = status == CoachingStatus.Waiting ? null : request.AnsweredUtc;
            request.Messages.Add(new CoachingMessage { AuthorId = personId, Body = message, SentUtc = factory.Time.GetUtcNow().UtcDateTime.AddMinutes(-5) });
            db.CoachingRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    public static Task<Guid> VersionOfRequestAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.CoachingRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());

    public static Task<Guid> VersionOfProfileAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.MiTrainerProfiles.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

    public static (string, string)[] ProfileFields(string bio = "I coach MI practitioners.", string website = "https://coach.example", string mintSince = "2015",
        string mintUrl = "https://mint.example/me", string online = "true", string inPerson = "false") =>
    [
        ("Profile.Bio", bio), ("Profile.Languages", "English, German"), ("Profile.Regions", "Berlin"), ("Profile.Online", online), ("Profile.Online", "false"),
        ("Profile.InPerson", inPerson), ("Profile.InPerson", "false"), ("Profile.Fees", "80 EUR"), ("Profile.Website", website), ("Profile.Phone", "+49 30 1234"),
        ("Profile.MintSince", mintSince), ("Profile.MintProfileUrl", mintUrl),
    ];

    public static (string, string)[] RequestFields(string goals = "Better reflections", string format = "Online", string message = "Could we meet monthly?") =>
        [("Request.Goals", goals), ("Request.Format", format), ("Request.Message", message)];

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string formPage, string action, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(formPage, action, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
