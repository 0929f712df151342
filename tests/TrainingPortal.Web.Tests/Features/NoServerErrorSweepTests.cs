using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TrainingPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static TrainingPortal.Web.Tests.Testing.TrainingData;

namespace TrainingPortal.Web.Tests.Features;

/// <summary>
/// The guard against 500s: every POST action the app has — found from MVC's action descriptors, so an
/// action added later is swept too — is posted, as every role that may reach it and against real ids,
/// with the kinds of values a person (or a tampered form) can send: non-boolean check-box values,
/// empty and garbage ids, out-of-range and malformed dates, huge numbers, very long text, a lone
/// surrogate, duplicated keys. Every GET action's query parameters get the date and number classes.
/// Nothing may answer 5xx. To stay fast (2-core CI), each field gets the classes of its own type,
/// with the other fields holding plausible values, rather than the full cross product.
/// </summary>
public sealed class NoServerErrorSweepTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    /// <summary>A value sent for one field: one or more (duplicated key) raw, already-encoded values.</summary>
    private sealed record Payload(string Label, params string[] Encoded);

    private static Payload Text(string label, string value) => new(label, Uri.EscapeDataString(value));

    /// <summary>A lone high surrogate as a browser would percent-encode it in UTF-8 (invalid bytes ED A0 80).</summary>
    private static readonly Payload LoneSurrogate = new("lone surrogate", "a%ED%A0%80b");

    private static readonly Payload[] BoolPayloads = [Text("on", "on"), Text("abc", "abc"), new("duplicated", "abc", "true")];

    private static readonly Payload[] NumberPayloads =
        [Text("abc", "abc"), Text("huge", "99999999999999999999999999"), Text("negative", "-1"), new("duplicated", "1", "abc")];

    private static readonly Payload[] DatePayloads =
        [Text("0001-01-01", "0001-01-01"), Text("9999-12-31", "9999-12-31"), Text("2026-13-40", "2026-13-40"), new("duplicated", "2026-01-05", "abc")];

    private static readonly Payload[] EnumPayloads = [Text("abc", "abc"), Text("999", "999"), new("duplicated", "abc", "0")];

    private static readonly Payload[] GuidPayloads = [Text("abc", "abc")];

    private static readonly Payload[] StringPayloads =
        [Text("very long", new string('x', 20_000)), LoneSurrogate, Text("empty", ""), Text("0001-01-01", "0001-01-01"), Text("9999-12-31", "9999-12-31"),
         Text("huge number", "99999999999999999999999999"), new("duplicated", "a", "b")];

    /// <summary>Query parameters of GET actions: the date and number classes (and a long value).</summary>
    private static readonly Payload[] QueryPayloads =
        [Text("0001-01-01", "0001-01-01"), Text("9999-12-31", "9999-12-31"), Text("abc", "abc"), Text("huge", "99999999999999999999999999"),
         Text("-1", "-1"), Text("very long", new string('x', 3_000)), LoneSurrogate, new("duplicated", "1", "abc")];

    /// <summary>Actions that are not form posts: swept elsewhere (the JSON API: <c>ApiInputTests</c>).</summary>
    private static readonly HashSet<string> NotForms = ["EligibilityApi.Evaluate"];

    private sealed record World(
        Dictionary<string, string> Emails,
        string VictimId,
        int ConsultationGroupId, int ConsultationMeetingId, int ClipId,
        int CohortId, int CohortMeetingId, int MakeUpId, int AssignmentId,
        int CaseId, int SessionId, int EnrollmentId, int WaiverId, int CertificateId, int ApiKeyId,
        int ApplicationId, int ReferenceId)
    {
        /// <summary>A fidelity review of the trainee by the consultation group's trainer.</summary>
        public int FidelityReviewId { get; init; }

        /// <summary>One training entry of the trainee's own endorsement application.</summary>
        public int TrainingEntryId { get; init; }

        /// <summary>The public id of one portfolio document the trainee uploaded.</summary>
        public string FilePublicId { get; init; } = "";

        /// <summary>One reading of the course cohort, and the trainee's course enrollment (its fee).</summary>
        public int LearningItemId { get; init; }
        public int CourseEnrollmentId { get; init; }
        /// <summary>A Train-the-Trainer cohort the trainer leads and the trainee belongs to (the homework screens; the assignment is its).</summary>
        public int TttCohortId { get; init; }
    }

    private async Task<World> BuildWorldAsync()
    {
        var admin = await factory.CreateAsync(Roles.Administrator);
        var trainer = await factory.CreateAsync(Roles.Trainer);
        var trainee = await factory.CreateAsync(Roles.Trainee);
        var victim = await factory.CreateAsync(Roles.Trainee);
        await using var db = factory.NewContext();
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var now = factory.Time.GetUtcNow().UtcDateTime;

        var group = ConsultationGroup(today.AddDays(-7 * 6 - 1), weeks: 20, trainerId: trainer.Id, name: "Sweep group");
        var cohort = CourseCohort(today.AddDays(-7 * 3 - 2));
        cohort.TrainerId = trainer.Id;
        db.AddRange(group, cohort);
        var enrollment = Enroll(await db.Users.SingleAsync(u => u.Id == victim.Id), DefaultRuleSets.Keys.MioRostering, today.AddDays(-60), group);
        var traineeInGroup = Enroll(await db.Users.SingleAsync(u => u.Id == trainee.Id), DefaultRuleSets.Keys.MioRostering, today.AddDays(-60), group);
        var traineeInCohort = Enroll(await db.Users.SingleAsync(u => u.Id == trainee.Id), DefaultRuleSets.Keys.ImhCourse, today.AddDays(-30), cohort);
        var application = Enroll(await db.Users.SingleAsync(u => u.Id == trainee.Id), DefaultRuleSets.Keys.ImhEndorsementL2, today.AddDays(-30));
        var trainingEntry = new TrainingHoursRecord { PersonId = trainee.Id, Date = today.AddDays(-3), Hours = 2m, Title = "Sweep training", RelationshipBased = true };
        db.AddRange(enrollment, traineeInGroup, traineeInCohort, application, trainingEntry);
        await db.SaveChangesAsync();

        var meeting = group.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).Last();
        var cohortMeeting = cohort.Meetings.Where(m => m.StartsUtc < now).OrderBy(m => m.StartsUtc).First();
        db.Attendance.Add(new Attendance { MeetingId = meeting.Id, PersonId = trainee.Id, Mark = AttendanceMark.Present });
        db.Attendance.Add(new Attendance { MeetingId = cohortMeeting.Id, PersonId = trainee.Id, Mark = AttendanceMark.Absent });
        var clip = new ClipPresentationRecord { PersonId = trainee.Id, MeetingId = meeting.Id, ClipCode = "clip-1", DeIdentified = true, Feedback = "Fine." };
        var makeUp = new SessionMakeUp { MeetingId = cohortMeeting.Id, PersonId = trainee.Id, LoggedOn = today, LoggedById = trainer.Id };
        var ttt = new TrainingGroup
        {
            Kind = GroupKind.TrainTheTrainerCohort, ProgramKey = DefaultRuleSets.Keys.MioTrainTheTrainer, Name = "Sweep TTT cohort",
            TrainerId = trainer.Id, StartDate = today.AddDays(-30), EndDate = today.AddDays(60), DurationMinutes = 120,
        };
        db.Add(ttt);
        db.Add(Enroll(await db.Users.SingleAsync(u => u.Id == trainee.Id), DefaultRuleSets.Keys.MioTrainTheTrainer, today.AddDays(-31), ttt));
        await db.SaveChangesAsync();
        var assignment = new HomeworkAssignmentRecord { GroupId = ttt.Id, Title = "Reading 1", DueOn = today.AddDays(-1) };
        var trainingCase = new TrainingCaseRecord { PersonId = trainee.Id, Code = "SW-1", ConsentDate = today.AddDays(-30) };
        trainingCase.Sessions.Add(new CaseSessionRecord { Date = today.AddDays(-20), Recorded = true });
        var waiver = new WaiverRecord { EnrollmentId = enrollment.Id, RequirementKey = "classroom-hours", Reason = "Trained elsewhere in 2024.", GrantedOn = today, GrantedById = admin.Id };
        var fidelity = new FidelityReviewRecord { PersonId = trainee.Id, Date = today.AddDays(-2), Outcome = FidelityOutcome.Adherent, ReviewerId = trainer.Id };
        var learningItem = new LearningItemRecord { GroupId = cohort.Id, Kind = LearningItemKind.Reading, Title = "Sweep reading", DueOn = cohort.StartDate.AddDays(7) };
        db.AddRange(clip, makeUp, assignment, trainingCase, waiver, fidelity, learningItem);
        await db.SaveChangesAsync();
        // One rater named on the trainee's own endorsement application (the references screens).
        var reference = new ReferenceRecord
        {
            EnrollmentId = application.Id, RaterName = "Sweep Rater", RaterEmail = "sweep-rater@example.org", Source = ReferenceSource.Supervisor,
            RequestedOn = today, SentUtc = now, LinkExpiresUtc = now.AddDays(30), TokenHash = new string('0', 64),
        };
        db.Add(reference);
        var file = new UploadedFile
        {
            PublicId = Web.Files.FileRules.NewPublicId(), PersonId = trainee.Id, Purpose = FilePurpose.Portfolio, Description = "Sweep essay",
            FileName = "essay.pdf", ContentType = Web.Files.FileRules.Pdf, Length = 6, Sha256 = new string('0', 64), UploadedUtc = now,
        };
        db.AddRange(file, new UploadedFileContent { File = file, Bytes = "%PDF-1"u8.ToArray() });
        await db.SaveChangesAsync();

        var certificateId = await db.Certificates.Select(c => (int?)c.Id).FirstOrDefaultAsync() ?? 1;
        var apiKeyId = await db.ApiKeys.Select(k => (int?)k.Id).FirstOrDefaultAsync() ?? 1;
        return new World(
            new() { [Roles.Administrator] = admin.Email!, [Roles.Trainer] = trainer.Email!, [Roles.Trainee] = trainee.Email! },
            victim.Id, group.Id, meeting.Id, clip.Id, cohort.Id, cohortMeeting.Id, makeUp.Id, assignment.Id,
            trainingCase.Id, trainingCase.Sessions[0].Id, enrollment.Id, waiver.Id, certificateId, apiKeyId,
            application.Id, reference.Id)
        {
            TrainingEntryId = trainingEntry.Id,
            FilePublicId = file.PublicId,
            FidelityReviewId = fidelity.Id,
            LearningItemId = learningItem.Id,
            CourseEnrollmentId = traineeInCohort.Id,
            TttCohortId = ttt.Id,
        };
    }

    /// <summary>Route values by controller and parameter name. A new parameter name fails the sweep until it is added here.</summary>
    private static string? RouteValue(World w, string controller, string name) => (controller, name) switch
    {
        ("Homework", "groupId") => w.TttCohortId.ToString(CultureInfo.InvariantCulture),
        ("Homework" or "MyHomework", "assignmentId") => w.AssignmentId.ToString(CultureInfo.InvariantCulture),
        ("MakeUps" or "Learning" or "MyLearning", "groupId") => w.CohortId.ToString(CultureInfo.InvariantCulture),
        ("Learning", "itemId") => w.LearningItemId.ToString(CultureInfo.InvariantCulture),
        ("Fees", "enrollmentId") => w.CourseEnrollmentId.ToString(CultureInfo.InvariantCulture),
        ("PracticeSessions", "groupId") => "1",
        ("Homework" or "MakeUps", "meetingId") => w.CohortMeetingId.ToString(CultureInfo.InvariantCulture),
        (_, "groupId") => w.ConsultationGroupId.ToString(CultureInfo.InvariantCulture),
        (_, "meetingId") => w.ConsultationMeetingId.ToString(CultureInfo.InvariantCulture),
        (_, "clipId") => w.ClipId.ToString(CultureInfo.InvariantCulture),
        (_, "makeUpId") => w.MakeUpId.ToString(CultureInfo.InvariantCulture),
        (_, "caseId") => w.CaseId.ToString(CultureInfo.InvariantCulture),
        (_, "sessionId") => w.SessionId.ToString(CultureInfo.InvariantCulture),
        (_, "waiverId") => w.WaiverId.ToString(CultureInfo.InvariantCulture),
        ("AdminTrainingRequests", "id") => "1",
        ("AdminOutbox", "id") => "1", // the outbox's first e-mail, if any: a retry answers 404 or a redirect
        ("AdminJoinRequests" or "JoinRequests", "id") => "1", // the demo data's open request (Ingrid's)
        ("AdminChampions" or "PracticeGroups", "id") => "1",
        ("TrainerDirectory" or "AdminTrainerListings" or "Coaching", "id") => "1", // the demo-less world has none: each answers 404
        ("MiCourse" or "MiCourseAdmin", "id") => "1", // the demo starter course's first module
        ("Fidelity", "reviewId") => w.FidelityReviewId.ToString(CultureInfo.InvariantCulture),
        ("Endorsement", "enrollmentId") => w.ApplicationId.ToString(CultureInfo.InvariantCulture),
        ("Endorsement", "entryId") => w.TrainingEntryId.ToString(CultureInfo.InvariantCulture),
        ("Review", "entryId") => w.TrainingEntryId.ToString(CultureInfo.InvariantCulture),
        ("Review", "kind") => "training",
        (_, "publicId") => w.FilePublicId,
        ("TrainingCases", "id") => w.CaseId.ToString(CultureInfo.InvariantCulture),
        ("Approvals" or "Enrollments" or "EnrollmentPage", "id") => w.EnrollmentId.ToString(CultureInfo.InvariantCulture),
        ("People" or "PersonDetails", "id") => w.VictimId,
        ("Certificates" or "HeldCertificates", "id") => w.CertificateId.ToString(CultureInfo.InvariantCulture),
        ("ApiKeys", "id") => w.ApiKeyId.ToString(CultureInfo.InvariantCulture),
        ("Groups" or "AttendanceExport" or "GroupAdmin" or "GroupEdit", "id") => w.ConsultationGroupId.ToString(CultureInfo.InvariantCulture),
        (_, "number") => "1",
        (_, "version") => "1",
        (_, "key") => DefaultRuleSets.Keys.MioRostering,
        (_, "code") => "ABCD-EFGH-JKLM",
        (_, "token") => "nope",
        (_, "enrollmentId") => w.ApplicationId.ToString(CultureInfo.InvariantCulture),
        (_, "referenceId") => w.ReferenceId.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static IEnumerable<ControllerActionDescriptor> Actions(IServiceProvider services) =>
        services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>();

    private static List<string> Methods(ControllerActionDescriptor action) =>
        action.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];

    private static string NameOf(ControllerActionDescriptor a) => $"{a.ControllerName}.{a.ActionName}";

    /// <summary>Who may reach an action: roles from its policy ("" = anonymous). The first one gets the whole sweep.</summary>
    private static IReadOnlyList<string> RolesFor(ControllerActionDescriptor action)
    {
        if (action.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return [""];
        }
        var policies = action.EndpointMetadata.OfType<IAuthorizeData>().Select(d => d.Policy).ToList();
        if (policies.Contains(Policies.Administrator))
        {
            return [Roles.Administrator];
        }
        if (policies.Contains(Policies.Reviewer))
        {
            return [Roles.Administrator]; // reviewers and administrators; the sweep's administrator reviews the trainee's application
        }
        if (policies.Contains(Policies.Trainer))
        {
            return [Roles.Trainer, Roles.Administrator];
        }
        return [Roles.Trainee, Roles.Trainer, Roles.Administrator];
    }

    private sealed record Field(string Name, Type Type);

    /// <summary>The form fields an action binds, as a browser would name them.</summary>
    private static List<Field> FieldsOf(ControllerActionDescriptor action, bool query)
    {
        var fields = new List<Field>();
        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Path || source == BindingSource.Services || source == BindingSource.Special
                || parameter.ParameterType == typeof(CancellationToken) || action.AttributeRouteInfo!.Template!.Contains('{' + parameter.Name, StringComparison.Ordinal))
            {
                continue;
            }
            var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            if (IsSimple(parameter.ParameterType))
            {
                fields.Add(new Field(name, parameter.ParameterType));
            }
            else
            {
                AddProperties(fields, parameter.BindingInfo?.BinderModelName is { } prefix ? prefix + "." : "", parameter.ParameterType, depth: 0);
            }
        }
        return query ? [.. fields.Where(f => f.Type != typeof(IFormFile))] : fields;
    }

    private static void AddProperties(List<Field> fields, string prefix, Type type, int depth)
    {
        if (depth > 2)
        {
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var propertyType = property.PropertyType;
            if (IsSimple(propertyType) || propertyType == typeof(IFormFile))
            {
                fields.Add(new Field(prefix + property.Name, propertyType));
            }
            else if (propertyType.IsArray || (propertyType.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType)))
            {
                var element = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments()[^1];
                if (IsSimple(element))
                {
                    fields.Add(new Field(prefix + property.Name, element));
                }
                else
                {
                    AddProperties(fields, $"{prefix}{property.Name}[0].", element, depth + 1);
                }
            }
            else if (propertyType.IsClass)
            {
                AddProperties(fields, prefix + property.Name + ".", propertyType, depth + 1);
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(Guid);
    }

    private static Payload[] PayloadsFor(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            return BoolPayloads;
        }
        if (t.IsEnum)
        {
            return EnumPayloads;
        }
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly))
        {
            return DatePayloads;
        }
        if (t == typeof(Guid))
        {
            return GuidPayloads;
        }
        if (t.IsPrimitive || t == typeof(decimal))
        {
            return NumberPayloads;
        }
        return t == typeof(IFormFile) ? [] : StringPayloads;
    }

    /// <summary>A plausible value for the fields not under test, so the one under test reaches the code past validation.</summary>
    private static string Plausible(Field field, World w, string today)
    {
        var t = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
        var last = field.Name[(field.Name.LastIndexOf('.') + 1)..];
        if (t == typeof(bool))
        {
            return "true";
        }
        if (t.IsEnum)
        {
            return Enum.GetNames(t)[0];
        }
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return today;
        }
        if (t == typeof(Guid))
        {
            return Guid.Empty.ToString();
        }
        if (t.IsPrimitive || t == typeof(decimal))
        {
            return last switch
            {
                "AssignmentId" => w.AssignmentId.ToString(CultureInfo.InvariantCulture),
                "EnrollmentId" => w.EnrollmentId.ToString(CultureInfo.InvariantCulture),
                "GroupId" => w.ConsultationGroupId.ToString(CultureInfo.InvariantCulture),
                "Year" => today[..4],
                "Minutes" or "DurationMinutes" => "30",
                _ => "1",
            };
        }
        if (last.Contains("Date", StringComparison.Ordinal) || last is "From" or "To" or "AwardedOn" or "DueOn")
        {
            return today;
        }
        if (last.Contains("Time", StringComparison.Ordinal))
        {
            return "12:00";
        }
        if (last.Contains("Email", StringComparison.Ordinal))
        {
            return "nobody@example.org";
        }
        return last switch
        {
            "PersonId" => w.VictimId,
            "Program" or "ProgramKey" => DefaultRuleSets.Keys.MioRostering,
            "RequirementKey" => "consultation-attendance",
            _ => "Sweep text 123",
        };
    }

    private static readonly string Token = "__RequestVerificationToken";

    private sealed class Caller(HttpClient client, string token)
    {
        public HttpClient Client { get; } = client;
        public string Token { get; } = token;
    }

    private async Task<Caller> CallerAsync(World w, string role)
    {
        if (role == "")
        {
            var anonymous = factory.CreatePortalClient();
            return new Caller(anonymous, await anonymous.GetTokenAsync("/account/login"));
        }
        var client = await factory.SignedInAsync(w.Emails[role], TestUsers.Password);
        return new Caller(client, await client.GetTokenAsync("/profile"));
    }

    private static string Body(IEnumerable<(string Key, string Encoded)> pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + p.Encoded));

    private static async Task<HttpStatusCode> PostAsync(Caller caller, string path, IEnumerable<(string Key, string Encoded)> pairs)
    {
        using var content = new StringContent(Body([.. pairs, (Token, Uri.EscapeDataString(caller.Token))]), Encoding.UTF8, "application/x-www-form-urlencoded");
        content.Headers.ContentType!.CharSet = null;
        using var response = await caller.Client.PostAsync(path, content);
        return response.StatusCode;
    }

    private static string PathOf(ControllerActionDescriptor action, World w, List<string> unknown)
    {
        var template = action.AttributeRouteInfo!.Template!;
        return "/" + System.Text.RegularExpressions.Regex.Replace(template, "{([^}:?]+)[^}]*}", m =>
        {
            var value = RouteValue(w, action.ControllerName, m.Groups[1].Value);
            if (value is null)
            {
                unknown.Add($"{NameOf(action)}: route value '{m.Groups[1].Value}'");
                return "1";
            }
            return Uri.EscapeDataString(value);
        });
    }

    [Fact]
    public async Task No_post_action_answers_a_server_error_whatever_a_form_sends()
    {
        var w = await BuildWorldAsync();
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var callers = new Dictionary<string, Caller>();
        var failures = new List<string>();
        var unknown = new List<string>();
        var requests = 0;
        var slowest = new List<(double Seconds, string Action)>();
        var covered = new HashSet<string>();
        var watch = Stopwatch.StartNew();

        var posts = Actions(factory.Services).Where(a => Methods(a).Contains("POST") && !NotForms.Contains(NameOf(a)))
            // Signing out ends the session the other actions use: last.
            .OrderBy(a => a.ActionName == "Logout" ? 1 : 0).ThenBy(NameOf, StringComparer.Ordinal).ToList();
        foreach (var action in posts)
        {
            var started = watch.Elapsed;
            var path = PathOf(action, w, unknown);
            var fields = FieldsOf(action, query: false).Where(f => f.Type != typeof(IFormFile)).ToList();
            var roles = RolesFor(action);
            for (var r = 0; r < roles.Count; r++)
            {
                var role = roles[r];
                if (!callers.TryGetValue(role, out var caller))
                {
                    callers[role] = caller = await CallerAsync(w, role);
                }
                async Task SendAsync(string what, IEnumerable<(string, string)> pairs)
                {
                    Interlocked.Increment(ref requests);
                    var status = await PostAsync(caller, path, pairs);
                    if ((int)status >= 500)
                    {
                        lock (failures)
                        {
                            failures.Add($"POST {path} ({NameOf(action)}) as {(role == "" ? "anonymous" : role)}, {what}: {(int)status}");
                        }
                    }
                }

                // Every field at once with the first (most hostile) value of its class, for every role.
                await SendAsync("every field garbage", fields.SelectMany(f => PayloadsFor(f.Type).Take(1).SelectMany(p => p.Encoded.Select(e => (f.Name, e)))));
                if (r > 0)
                {
                    continue; // the field-by-field sweep runs once, as the first role
                }
                await SendAsync("no fields", []);
                // The same plausible form four times at once: a contended write is serialized or refused, never a 500.
                var plausible = fields.Select(f => (f.Name, Uri.EscapeDataString(Plausible(f, w, today)))).ToList();
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync("the same plausible form 4 times at once", plausible)));
                // The fields' requests are independent: a few at a time (the server is in-process; SQLite serializes writes).
                var one = fields.SelectMany(field => PayloadsFor(field.Type).Select(payload => (field, payload))).ToList();
                await Parallel.ForEachAsync(one, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
                {
                    var (field, payload) = item;
                    var others = fields.Where(f => f != field).Select(f => (f.Name, Uri.EscapeDataString(Plausible(f, w, today))));
                    await SendAsync($"{field.Name} = {payload.Label}", [.. others, .. payload.Encoded.Select(e => (field.Name, e))]);
                });
            }
            covered.Add(NameOf(action));
            slowest.Add(((watch.Elapsed - started).TotalSeconds, NameOf(action)));
        }
        output.WriteLine($"{requests} POST requests to {covered.Count} actions in {watch.Elapsed.TotalSeconds:F1} s; slowest: "
            + string.Join(", ", slowest.OrderByDescending(s => s.Seconds).Take(5).Select(s => $"{s.Action} {s.Seconds:F1} s")));

        Assert.Empty(unknown);
        Assert.True(covered.Count >= 35, $"only {covered.Count} POST actions found");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task No_get_action_answers_a_server_error_whatever_its_query_says()
    {
        var w = await BuildWorldAsync();
        var callers = new Dictionary<string, Caller>();
        var failures = new List<string>();
        var unknown = new List<string>();
        var requests = 0;
        var watch = Stopwatch.StartNew();

        foreach (var action in Actions(factory.Services).Where(a => Methods(a).Contains("GET")).OrderBy(NameOf, StringComparer.Ordinal))
        {
            var fields = FieldsOf(action, query: true);
            if (fields.Count == 0)
            {
                continue;
            }
            var path = PathOf(action, w, unknown);
            var role = RolesFor(action)[^1]; // the widest view: administrators see every filter's data
            if (!callers.TryGetValue(role, out var caller))
            {
                callers[role] = caller = await CallerAsync(w, role);
            }
            var all = fields.SelectMany(field => QueryPayloads.Select(payload => (field, payload))).ToList();
            await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
            {
                var (field, payload) = item;
                Interlocked.Increment(ref requests);
                var query = string.Join('&', payload.Encoded.Select(e => Uri.EscapeDataString(field.Name) + "=" + e));
                using var response = await caller.Client.GetAsync(path + "?" + query, ct);
                if ((int)response.StatusCode >= 500)
                {
                    lock (failures)
                    {
                        failures.Add($"GET {path}?{field.Name}={payload.Label} ({NameOf(action)}): {(int)response.StatusCode}");
                    }
                }
            });
        }
        output.WriteLine($"{requests} GET requests in {watch.Elapsed.TotalSeconds:F1} s");

        Assert.Empty(unknown);
        Assert.True(requests >= 50, $"only {requests} GET requests");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join('\n', failures));
    }
}
