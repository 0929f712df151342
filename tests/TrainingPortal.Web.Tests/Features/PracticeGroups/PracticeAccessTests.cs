using TrainingPortal.Web.Time;
namespace TrainingPortal.Web.Tests.Features.PracticeGroups;

/// <summary>
/// Who may see and do what with MI practice groups and Champion requests: anonymous, a practitioner who is a member, one
/// who is not, the host Champion, another Champion and an administrator, against every page and action of the slice.
/// A refused request changes nothing.
/// </summary>
public sealed class PracticeAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Anonymous = "anonymous", Member = "member", NonMember = "non-member", Host = "host", OtherChampion = "other Champion", Admin = "administrator";
    private static readonly string[] Everyone = [Anonymous, Member, NonMember, Host, OtherChampion, Admin];
    private static readonly string[] SignedIn = [Member, NonMember, Host, OtherChampion, Admin];

    /// <summary>Refused to a signed-in person: 403, or the access-denied page.</summary>
    public static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal));

    private static bool IsToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);

    private static bool IsAllowed(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK || (response.StatusCode == HttpStatusCode.Redirect && !IsToLogin(response) && !IsDenied(response));

    [Fact]
    public async Task Every_page_and_action_answers_each_role_as_the_matrix_says_and_refusals_change_nothing()
    {
        var users = new Dictionary<string, AppUser>
        {
            [Member] = await factory.CreateAsync(Roles.Trainee),
            [NonMember] = await factory.CreateAsync(Roles.Trainee),
            [Host] = await factory.CreateAsync(Roles.Champion),
            [OtherChampion] = await factory.CreateAsync(Roles.Champion),
            [Admin] = await factory.CreateAsync(Roles.Administrator),
        };
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = factory.CreatePortalClient() };
        foreach (var (role, user) in users)
        {
            clients[role] = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        }
        var group = await factory.GroupAsync(users[Host].Id, capacity: 10, memberIds: users[Member].Id);
        var today = PortalClock.LocalDate(factory.Time.GetUtcNow().UtcDateTime, PortalClock.FindZone("America/New_York"));
        var session = await factory.SessionAsync(group, today.AddDays(-2), 60, users[Member].Id);
        var asker1 = await factory.CreateAsync(Roles.Trainee);
        var asker2 = await factory.CreateAsync(Roles.Trainee);
        int[] requests = await factory.WithDbAsync(async db =>
        {
            var rs = new[] { asker1, asker2 }.Select(a => new ChampionRequest { PersonId = a.Id, Motivation = "I would host.", Status = ChampionRequestStatus.Open, RequestedUtc = group.CreatedUtc }).ToList();
            db.ChampionRequests.AddRange(rs);
            await db.SaveChangesAsync();
            return rs.Select(r => r.Id).ToArray();
        });
        var g = $"/mi/groups/{group.Id}";

        (string Path, string[] Allowed)[] pages =
        [
            ("/mi/groups", SignedIn),
            ("/mi/groups?mine=true", SignedIn),
            ("/mi/groups/new", [Host, OtherChampion]),
            (g, SignedIn),
            (g + "/edit", [Host]),
            (g + "/sessions/new", [Host]),
            ($"{g}/sessions/{session.Id}/edit", [Host]),
            ("/mi/practice-log", SignedIn),
            ("/mi/champion", SignedIn),
            ("/admin/mi/champions", [Admin]),
        ];
        var failures = new List<string>();
        foreach (var (path, allowed) in pages)
        {
            foreach (var role in Everyone)
            {
                var response = await clients[role].GetAsync(path);
                Check(failures, "GET " + path, role, allowed.Contains(role), response);
            }
        }

        (string Path, (string, string)[] Fields, string[] Allowed)[] actions =
        [
            (g + "/edit", PracticeData.GroupFields(group.Name + " renamed", capacity: "10"), [Host]),
            (g + "/sessions/new", PracticeData.SessionFields(today, "30", "Logged.", users[Member].Id), [Host]),
            ($"{g}/sessions/{session.Id}/edit", [.. PracticeData.SessionFields(today.AddDays(-2), "45", "Edited.", users[Member].Id), ("Form.Version", session.Version.ToString())], [Host]),
            ("/mi/groups/new", PracticeData.GroupFields("Matrix new group " + group.Id), [Host, OtherChampion]),
            ("/mi/champion", [("Form.Motivation", "I would like to host.")], SignedIn),
            ($"/admin/mi/champions/{requests[0]}/decline", [("Decline.Reason", "Not now.")], [Admin]),
            ($"/admin/mi/champions/{requests[1]}/approve", [], [Admin]),
            (g + "/join", [], SignedIn), // a non-member joins; the others are told why not
            (g + "/leave", [], SignedIn), // members leave; the others are told they are not members
            (g + "/close", [], [Host]),
        ];
        foreach (var (path, fields, allowed) in actions)
        {
            foreach (var role in Everyone)
            {
                var token = await clients[role].GetTokenAsync(role == Anonymous ? "/account/login" : "/mi/champion");
                var response = await clients[role].PostAsync(path, new FormUrlEncodedContent(
                    [.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]));
                Check(failures, "POST " + path, role, allowed.Contains(role), response);
            }
        }
        Assert.Empty(failures);

        var stored = await factory.WithDbAsync(db => db.MiPracticeGroups.AsNoTracking().SingleAsync(x => x.Id == group.Id));
        Assert.Equal(group.Name + " renamed", stored.Name);
        Assert.NotNull(stored.ClosedUtc);
        Assert.Equal(2, await factory.WithDbAsync(db => db.MiPracticeSessions.CountAsync(s => s.GroupId == group.Id))); // the seeded one and the host's
        Assert.Equal(45, await factory.WithDbAsync(db => db.MiPracticeSessions.Where(s => s.Id == session.Id).Select(s => s.Minutes).SingleAsync()));
        Assert.Equal(2, await factory.WithDbAsync(db => db.MiPracticeGroups.CountAsync(x => x.Name == "Matrix new group " + group.Id)));
        Assert.Equal([ChampionRequestStatus.Declined, ChampionRequestStatus.Approved],
            await factory.WithDbAsync(db => db.ChampionRequests.Where(r => requests.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync()));
    }

    private static void Check(List<string> failures, string what, string role, bool allowed, HttpResponseMessage response)
    {
        var ok = role == Anonymous ? IsToLogin(response) : allowed ? IsAllowed(response) : IsDenied(response);
        if (!ok)
        {
            failures.Add($"{what} as {role}: expected {(role == Anonymous ? "sign-in" : allowed ? "allowed" : "refused")}, got {(int)response.StatusCode} {response.Headers.Location}");
        }
    }
}
