using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Data;
using TrainingPortal.Web.Features.Api;
using TrainingPortal.Web.Infrastructure;
using TrainingPortal.Web.Tests.Features.Api;
using TrainingPortal.Web.Tests.Features.Approvals;

namespace TrainingPortal.Web.Tests.Infrastructure;

/// <summary>
/// Typed text is never cut. Every string a form posts is found by reflection (the forms that have a validator
/// and every complex parameter of a controller action) and must be classified here: stored in a database
/// column — then a value one character over the column's maximum length is refused by the form's validator
/// with "Keep … to N characters (you typed M)" — or not stored as typed text (a choice from a list, an id, a
/// date or time parsed from text, a password, a search). A form field added later fails this test until it
/// is classified, so its limit cannot be forgotten. Pages set no <c>maxlength</c>: browsers cut pasted text
/// at it without a word.
/// </summary>
public sealed partial class TextLengthTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Form string fields saved as typed, with the entity property (column) that holds them.</summary>
    private static readonly Dictionary<string, (Type Entity, string Property)> Stored = new(StringComparer.Ordinal)
    {
        ["ApiKeyForm.Name"] = (typeof(ApiKey), nameof(ApiKey.Name)),
        ["WaiveForm.Reason"] = (typeof(WaiverRecord), nameof(WaiverRecord.Reason)),
        ["ProfileForm.DisplayName"] = (typeof(AppUser), nameof(AppUser.DisplayName)),
        ["ProfileForm.CertificateName"] = (typeof(AppUser), nameof(AppUser.CertificateName)),
        ["ProfileForm.City"] = (typeof(AppUser), nameof(AppUser.City)),
        ["ProfileForm.State"] = (typeof(AppUser), nameof(AppUser.State)),
        ["ProfileForm.Licences[0].Number"] = (typeof(ProfessionalLicence), nameof(ProfessionalLicence.Number)),
        ["ProfileForm.Licences[0].IssuedBy"] = (typeof(ProfessionalLicence), nameof(ProfessionalLicence.IssuedBy)),
        ["RegisterForm.DisplayName"] = (typeof(AppUser), nameof(AppUser.DisplayName)),
        ["RegisterForm.Email"] = (typeof(AppUser), nameof(AppUser.Email)),
        ["GroupForm.Name"] = (typeof(TrainingGroup), nameof(TrainingGroup.Name)),
        ["GroupEditForm.Name"] = (typeof(TrainingGroup), nameof(TrainingGroup.Name)),
        ["GroupEditForm.MeetingLink"] = (typeof(TrainingGroup), nameof(TrainingGroup.MeetingLink)),
        ["GroupEditForm.MeetingPlace"] = (typeof(TrainingGroup), nameof(TrainingGroup.MeetingPlace)),
        ["RuleSetForm.Reason"] = (typeof(Enrollment), nameof(Enrollment.RuleSetChangeReason)),
        ["PersonDetailsForm.DisplayName"] = (typeof(AppUser), nameof(AppUser.DisplayName)),
        ["PersonDetailsForm.Email"] = (typeof(AppUser), nameof(AppUser.Email)),
        ["HomeworkForm.Comments"] = (typeof(HomeworkSubmission), nameof(HomeworkSubmission.Comments)),
        ["ChampionRequestForm.Motivation"] = (typeof(ChampionRequest), nameof(ChampionRequest.Motivation)),
        ["ChampionDeclineForm.Reason"] = (typeof(ChampionRequest), nameof(ChampionRequest.DeclineReason)),
        ["PracticeGroupForm.Name"] = (typeof(MiPracticeGroup), nameof(MiPracticeGroup.Name)),
        ["PracticeGroupForm.OnlineLink"] = (typeof(MiPracticeGroup), nameof(MiPracticeGroup.OnlineLink)),
        ["PracticeGroupForm.Town"] = (typeof(MiPracticeGroup), nameof(MiPracticeGroup.Town)),
        ["PracticeGroupForm.Rhythm"] = (typeof(MiPracticeGroup), nameof(MiPracticeGroup.Rhythm)),
        ["PracticeGroupForm.OtherActivities"] = (typeof(MiPracticeGroup), nameof(MiPracticeGroup.OtherActivities)),
        ["PracticeSessionForm.Note"] = (typeof(MiPracticeSession), nameof(MiPracticeSession.Note)),
        ["AssignmentForm.Title"] = (typeof(HomeworkAssignmentRecord), nameof(HomeworkAssignmentRecord.Title)),
        ["AssignmentForm.Instructions"] = (typeof(HomeworkAssignmentRecord), nameof(HomeworkAssignmentRecord.Instructions)),
        ["SubmissionForm.Text"] = (typeof(HomeworkSubmission), nameof(HomeworkSubmission.Text)),
        ["TrainingRequestForm.Organisation"] = (typeof(TrainingRequest), nameof(TrainingRequest.Organisation)),
        ["TrainingRequestForm.ContactName"] = (typeof(TrainingRequest), nameof(TrainingRequest.ContactName)),
        ["TrainingRequestForm.ContactEmail"] = (typeof(TrainingRequest), nameof(TrainingRequest.ContactEmail)),
        ["TrainingRequestForm.Region"] = (typeof(TrainingRequest), nameof(TrainingRequest.Region)),
        ["TrainingRequestForm.Message"] = (typeof(TrainingRequest), nameof(TrainingRequest.Message)),
        ["AnswerForm.Note"] = (typeof(TrainingRequest), nameof(TrainingRequest.AnswerNote)),
        ["JoinForm.Message"] = (typeof(JoinRequest), nameof(JoinRequest.Message)),
        ["DeclineForm.Reason"] = (typeof(JoinRequest), nameof(JoinRequest.DeclineReason)),
        ["TrainerProfileForm.Bio"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Bio)),
        ["TrainerProfileForm.Languages"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Languages)),
        ["TrainerProfileForm.Regions"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Regions)),
        ["TrainerProfileForm.Fees"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Fees)),
        ["TrainerProfileForm.Website"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Website)),
        ["TrainerProfileForm.Phone"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.Phone)),
        ["TrainerProfileForm.MintProfileUrl"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.MintProfileUrl)),
        ["ListingDecisionForm.Reason"] = (typeof(MiTrainerProfile), nameof(MiTrainerProfile.StateReason)),
        ["CoachingRequestForm.Goals"] = (typeof(CoachingRequest), nameof(CoachingRequest.Goals)),
        ["CoachingRequestForm.Message"] = (typeof(CoachingMessage), nameof(CoachingMessage.Body)),
        ["CoachingAnswerForm.Reason"] = (typeof(CoachingRequest), nameof(CoachingRequest.DeclineReason)),
        ["CoachingReplyForm.Body"] = (typeof(CoachingMessage), nameof(CoachingMessage.Body)),
        ["CertificateReasonForm.Reason"] = (typeof(CertificateVersion), nameof(CertificateVersion.Reason)),
        ["ClipForm.ClipCode"] = (typeof(ClipPresentationRecord), nameof(ClipPresentationRecord.ClipCode)),
        ["ClipForm.Feedback"] = (typeof(ClipPresentationRecord), nameof(ClipPresentationRecord.Feedback)),
        ["MakeUpForm.Note"] = (typeof(SessionMakeUp), nameof(SessionMakeUp.Note)),
        ["CaseForm.Code"] = (typeof(TrainingCaseRecord), nameof(TrainingCaseRecord.Code)),
        ["WithdrawForm.Reason"] = (typeof(Enrollment), nameof(Enrollment.WithdrawalReason)),
        ["FidelityForm.Notes"] = (typeof(FidelityReviewRecord), nameof(FidelityReviewRecord.Notes)),
        ["RaterForm.RaterName"] = (typeof(ReferenceRecord), nameof(ReferenceRecord.RaterName)),
        ["RaterForm.RaterEmail"] = (typeof(ReferenceRecord), nameof(ReferenceRecord.RaterEmail)),
        ["RatingForm.Comments"] = (typeof(ReferenceRecord), nameof(ReferenceRecord.Comments)),
        ["TrainingEntryForm.Title"] = (typeof(TrainingHoursRecord), nameof(TrainingHoursRecord.Title)),
        ["TrainingEntryForm.Provider"] = (typeof(TrainingHoursRecord), nameof(TrainingHoursRecord.Provider)),
        ["RscEntryForm.ProviderName"] = (typeof(RscLogEntry), nameof(RscLogEntry.ProviderName)),
        ["WorkPeriodForm.Employer"] = (typeof(WorkExperienceRecord), nameof(WorkExperienceRecord.Employer)),
        ["DegreeForm.Institution"] = (typeof(DegreeRecord), nameof(DegreeRecord.Institution)),
        ["DegreeForm.Field"] = (typeof(DegreeRecord), nameof(DegreeRecord.Field)),
        ["LeadershipForm.Description"] = (typeof(LeadershipActivityRecord), nameof(LeadershipActivityRecord.Description)),
        ["MembershipForm.Association"] = (typeof(MembershipRecord), nameof(MembershipRecord.Association)),
        ["NotAcceptedForm.Reason"] = (typeof(TrainingHoursRecord), nameof(TrainingHoursRecord.NotAcceptedReason)), // the same length on all six records
        ["ReviewCommentForm.Text"] = (typeof(ApplicationComment), nameof(ApplicationComment.Text)),
        ["ReturnApplicationForm.Note"] = (typeof(EndorsementApplication), nameof(EndorsementApplication.ReturnNote)),
        ["EthicsForm.FullName"] = (typeof(SignedAttestation), nameof(SignedAttestation.SignedName)),
        ["PortfolioForm.Description"] = (typeof(UploadedFile), nameof(UploadedFile.Description)),
        ["LearningItemForm.Title"] = (typeof(LearningItemRecord), nameof(LearningItemRecord.Title)),
        ["LearningItemForm.Details"] = (typeof(LearningItemRecord), nameof(LearningItemRecord.Details)),
        ["ModuleForm.Title"] = (typeof(IntroCourseModule), nameof(IntroCourseModule.Title)),
        ["ModuleForm.Body"] = (typeof(IntroCourseModule), nameof(IntroCourseModule.Body)),
        ["ModuleForm.LinkUrl"] = (typeof(IntroCourseModule), nameof(IntroCourseModule.LinkUrl)),
        ["ModuleForm.LinkText"] = (typeof(IntroCourseModule), nameof(IntroCourseModule.LinkText)),
        ["ModuleForm.Questions[0].Prompt"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Prompt)),
        ["ModuleForm.Questions[0].Options"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Options)),
        ["ModuleForm.Questions[0].Explanation"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Explanation)),
        ["QuestionForm.Prompt"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Prompt)),
        ["QuestionForm.Options"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Options)),
        ["QuestionForm.Explanation"] = (typeof(IntroCourseQuestion), nameof(IntroCourseQuestion.Explanation)),
    };

    /// <summary>Form string fields that are not stored as typed, and why.</summary>
    private static readonly Dictionary<string, string> NotStoredAsTyped = new(StringComparer.Ordinal)
    {
        ["AccountStatusForm.Reason"] = "written into the audit entry's JSON (no column limit); the validator keeps it to 2,000",
        ["ApproveForm.AwardedOn"] = "a date parsed from text",
        ["RaterForm.Relationship"] = "chosen from a list",
        ["RatingForm.Recommendation"] = "chosen from a list",
        ["RatingForm.RaterLevel"] = "chosen from a list",
        ["AttendanceExportFilter.From"] = "a date filter", ["AttendanceExportFilter.To"] = "a date filter",
        ["AttendanceExportFilter.Program"] = "chosen from a list",
        ["AttendanceForm.Rows[0].PersonId"] = "an id from the page",
        ["PracticeGroupForm.TimeZoneId"] = "chosen from a list",
        ["TrainerProfileForm.MintSince"] = "parsed as a year", ["CoachingRequestForm.Format"] = "chosen from a list",
        ["DirectorySearch.Q"] = "a search", ["DirectorySearch.Language"] = "a search", ["DirectorySearch.Region"] = "a search", ["DirectorySearch.Format"] = "chosen from a list",
        ["TrainingRequestForm.Clinicians"] = "parsed as a whole number", ["TrainingRequestForm.Website"] = "the honeypot: never stored",
        ["AuditFilter.Person"] = "a search", ["AuditFilter.Role"] = "chosen from a list", ["AuditFilter.EntityType"] = "chosen from a list",
        ["AuditFilter.EntityId"] = "a search", ["AuditFilter.From"] = "a date filter", ["AuditFilter.To"] = "a date filter",
        ["CertificateExportFilter.Program"] = "chosen from a list", ["CertificateExportFilter.State"] = "chosen from a list",
        ["ChangePasswordForm.CurrentPassword"] = "a password (hashed)", ["ChangePasswordForm.NewPassword"] = "a password (hashed)",
        ["ChangePasswordForm.ConfirmPassword"] = "a password (hashed)",
        ["CodeSignInForm.Code"] = "an authenticator code (compared)", ["CodeSignInForm.ReturnUrl"] = "a local address to go back to",
        ["RecoverySignInForm.RecoveryCode"] = "a recovery code (compared with its hash)", ["RecoverySignInForm.ReturnUrl"] = "a local address to go back to",
        ["SetUpForm.Code"] = "an authenticator code (compared)", ["SetUpForm.Password"] = "a password (compared with the hash)",
        ["ConfirmPasswordForm.Password"] = "a password (compared with the hash)",
        ["ClipForm.PersonId"] = "chosen from a list",
        ["ConfirmEmailForm.UserId"] = "an id from the e-mailed link", ["ConfirmEmailForm.Code"] = "a token from the e-mailed link",
        ["EnrollForm.PersonEmail"] = "looks up an existing account", ["EnrollForm.ProgramKey"] = "chosen from a list",
        ["EnrollForm.Category"] = "chosen from a list",
        ["JoinForm.Category"] = "chosen from a list",
        ["EnrollForm.JoinedOn"] = "a date parsed from text", ["EnrollForm.PastMeetings"] = "chosen from a list",
        ["MoveForm.PastMeetings"] = "chosen from a list",
        ["RuleSetForm.RuleSetId"] = "chosen from a list", ["GroupEditForm.TrainerId"] = "chosen from a list",
        ["PersonDetailsForm.Stamp"] = "a concurrency stamp from the page (compared)",
        ["ConfirmEmailChangeForm.UserId"] = "an id from the e-mailed link", ["ConfirmEmailChangeForm.Code"] = "a token from the e-mailed link",
        ["ConfirmEmailChangeForm.Email"] = "the address from the e-mailed link (checked by the token)",
        ["EnrollmentExportFilter.Program"] = "chosen from a list", ["EnrollmentExportFilter.Status"] = "chosen from a list",
        ["FidelityForm.PersonId"] = "chosen from a list", ["FidelityForm.Seen"] = "a state stamp from the page",
        ["ForgotPasswordForm.Email"] = "looks up an existing account",
        ["GroupForm.TrainerId"] = "chosen from a list", ["GroupForm.StartDate"] = "a date parsed from text",
        ["GroupForm.MeetingTime"] = "a time parsed from text", ["GroupForm.TimeZoneId"] = "chosen from a list",
        ["GroupForm.SkipDates"] = "dates parsed from text",
        ["HomeworkForm.PersonId"] = "an id from the page", ["HomeworkForm.Seen"] = "a state stamp from the page",
        ["SubmissionForm.Seen"] = "a state stamp from the page",
        ["LoginForm.Email"] = "looks up an existing account", ["LoginForm.ReturnUrl"] = "a local address to go back to", ["LoginForm.Password"] = "a password (compared with the hash)",
        ["MakeUpForm.PersonId"] = "chosen from a list",
        ["MoveMeetingForm.Date"] = "a date parsed from text", ["MoveMeetingForm.Time"] = "a time parsed from text",
        ["ProfileForm.TimeZoneId"] = "chosen from a list",
        ["RegisterForm.Password"] = "a password (hashed)", ["RegisterForm.ConfirmPassword"] = "a password (hashed)",
        ["ResetPasswordForm.UserId"] = "an id from the e-mailed link", ["ResetPasswordForm.Code"] = "a token from the e-mailed link",
        ["ResetPasswordForm.Password"] = "a password (hashed)", ["ResetPasswordForm.ConfirmPassword"] = "a password (hashed)",
        ["RosterSearch.Name"] = "a search", ["RosterSearch.City"] = "a search", ["RosterSearch.State"] = "a search",
        ["RosterSearch.Credential"] = "chosen from a list",
        ["WaiveForm.RequirementKey"] = "chosen on the page",
        ["ReviewCommentForm.Section"] = "chosen on the page (a section of the application); checked against its requirements",
        ["RscEntryForm.ProviderId"] = "chosen from the list of providers known to the portal (or \"someone else\"); checked against it",
        ["LeadershipForm.Kind"] = "chosen from the level's list of activities (or \"Other\"); checked against it",
        ["CompletionForm.PersonId"] = "an id from the page; checked against the cohort's members",
        ["FeeFilter.Status"] = "chosen from a list",
    };

    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void Every_posted_string_field_is_classified_as_stored_with_its_column_or_not_stored()
    {
        var unclassified = FormFields().Where(f => !Stored.ContainsKey(f) && !NotStoredAsTyped.ContainsKey(f)).ToList();
        Assert.True(unclassified.Count == 0,
            "Classify these form fields in TextLengthTests (stored: which column; or why not stored as typed): " + string.Join(", ", unclassified));
        var stale = Stored.Keys.Concat(NotStoredAsTyped.Keys).Where(k => !FormFields().Contains(k)).ToList();
        Assert.True(stale.Count == 0, "No longer a form field: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task One_character_over_the_column_is_refused_by_the_forms_validator_saying_the_limit_and_what_was_typed()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var problems = new List<string>();
        foreach (var (field, (entity, property)) in Stored)
        {
            var max = model.FindEntityType(entity)?.FindProperty(property)?.GetMaxLength();
            if (max is null)
            {
                problems.Add($"{field}: {entity.Name}.{property} has no maximum length");
                continue;
            }
            var (type, path) = Split(field);
            if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type)) is not IValidator validator)
            {
                problems.Add($"{field}: {type.Name} has no validator");
                continue;
            }

            var over = await LengthErrorsAsync(validator, type, path, max.Value + 1);
            var match = over.Select(e => TooLong().Match(e)).FirstOrDefault(m => m.Success);
            if (match is null)
            {
                problems.Add($"{field}: {max + 1} characters gave no \"Keep … to N characters (you typed {max + 1:N0})\" message ({string.Join(" | ", over)})");
                continue;
            }
            var limit = int.Parse(match.Groups["limit"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var typed = int.Parse(match.Groups["typed"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            if (typed != max + 1 || limit > max)
            {
                problems.Add($"{field}: says limit {limit}, typed {typed}; the column takes {max}");
                continue;
            }
            // The limit it names is the one it applies.
            if ((await LengthErrorsAsync(validator, type, path, limit)).Any(e => TooLong().IsMatch(e)))
            {
                problems.Add($"{field}: {limit} characters are refused although the message says {limit} are fine");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void No_page_sets_maxlength_because_browsers_cut_pasted_text_at_it_without_a_word()
    {
        var features = Path.Combine(Path.GetDirectoryName(ApiExamplesTests.DocsFolder)!, "src", "TrainingPortal.Web", "Features");
        var offenders = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => MaxLengthAttribute().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(features, f))
            .ToList();
        Assert.True(offenders.Count == 0, "maxlength on: " + string.Join(", ", offenders));
    }

    [Fact]
    public async Task A_waiver_reason_of_ten_thousand_characters_is_refused_next_to_the_field_kept_and_not_saved()
    {
        var oneShort = await factory.MioClinicianAsync(attended: 13);
        var (_, admin) = await factory.AdminAsync();
        var review = $"/admin/approvals/{oneShort.EnrollmentId}";
        var reason = Words(10_000);

        var response = await admin.PostFormAsync(review, review + "/waive", [new("Waive.RequirementKey", "consultation-attendance"), new("Waive.Reason", reason)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("id=\"Waive_Reason-error\">Keep the reason to 2,000 characters (you typed 10,000).", html);
        Assert.Contains(reason + "</textarea>", html);
        Assert.False(await factory.WithDbAsync(db => db.Waivers.AnyAsync(w => w.EnrollmentId == oneShort.EnrollmentId)));
    }

    [Fact]
    public async Task An_api_key_description_over_200_characters_is_refused_kept_and_not_saved()
    {
        var (_, admin) = await factory.AdminAsync();
        var name = Words(201);

        var response = await admin.PostFormAsync("/admin/api-keys/new", ("Name", name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("id=\"Name-error\">Keep the description to 200 characters (you typed 201).", html);
        Assert.Contains($"value=\"{name}\"", html);
        Assert.False(await factory.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Name.StartsWith(name.Substring(0, 50)))));
    }

    [Fact]
    public async Task A_licence_issuer_over_64_characters_is_refused_kept_and_not_saved()
    {
        var user = await factory.CreateAsync();
        var client = await factory.SignedInAsync(user.Email!, TestUsers.Password);
        var issuer = Words(65);
        var fields = new List<KeyValuePair<string, string>> { new("DisplayName", "Dana Reyes"), new("CertificateName", "Dana Reyes"), new("TimeZoneId", "UTC") };
        var types = Enum.GetValues<LicenceType>();
        for (var i = 0; i < types.Length; i++)
        {
            fields.Add(new($"Licences[{i}].Type", types[i].ToString()));
            if (types[i] == LicenceType.LCSW)
            {
                fields.AddRange([new($"Licences[{i}].Held", "true"), new($"Licences[{i}].Number", "012345"), new($"Licences[{i}].IssuedBy", issuer)]);
            }
        }
        var row = Array.IndexOf(types, LicenceType.LCSW);

        var response = await client.PostFormAsync("/profile", "/profile", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains($"id=\"Licences_{row}__IssuedBy-error\">Keep the issuer to 64 characters (you typed 65).", html);
        Assert.Contains($"value=\"{issuer}\"", html);
        Assert.Empty(await factory.WithDbAsync(db => db.Set<ProfessionalLicence>().Where(l => l.UserId == user.Id).ToListAsync()));
    }

    /// <summary>Text of exactly <paramref name="length"/> characters that reads like words (so no other rule objects).</summary>
    private static string Words(int length) =>
        string.Concat(Enumerable.Repeat("Reason text ", length / 12 + 1))[..length].TrimEnd() is var text && text.Length == length ? text : text + new string('x', length - text.Length);

    private static async Task<IReadOnlyList<string>> LengthErrorsAsync(IValidator validator, Type type, string path, int length)
    {
        var form = Activator.CreateInstance(type)!;
        Set(form, path, new string('a', length));
        var result = await validator.ValidateAsync(new ValidationContext<object>(form));
        return [.. result.Errors.Where(e => e.PropertyName == path).Select(e => e.ErrorMessage)];
    }

    /// <summary>Sets "Prop", "Prop.Sub" or "List[0].Sub" on a new form, creating the one-element list on the way.</summary>
    private static void Set(object target, string path, string value)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var name = parts[i].Replace("[0]", "", StringComparison.Ordinal);
            var property = target.GetType().GetProperty(name)!;
            if (parts[i].EndsWith("[0]", StringComparison.Ordinal))
            {
                var element = Activator.CreateInstance(ElementType(property.PropertyType)!)!;
                var list = (IList)Activator.CreateInstance(property.PropertyType)!;
                list.Add(element);
                property.SetValue(target, list);
                target = element;
            }
            else
            {
                var inner = property.GetValue(target) ?? Activator.CreateInstance(property.PropertyType)!;
                property.SetValue(target, inner);
                target = inner;
            }
        }
        target.GetType().GetProperty(parts[^1])!.SetValue(target, value);
    }

    private static (Type Type, string Path) Split(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var name = field[..dot];
        return (FormTypes().Single(t => t.Name == name), field[(dot + 1)..]);
    }

    /// <summary>"Form.Property" (or "Form.List[0].Property") for every string a form posts.</summary>
    private static HashSet<string> FormFields() =>
        [.. FormTypes().SelectMany(t => StringPaths(t, "", depth: 0).Select(p => $"{t.Name}.{p}"))];

    /// <summary>Types with a validator in the app, and the complex parameters of every controller action.</summary>
    private static IEnumerable<Type> FormTypes()
    {
        var validated = Web.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0]);
        var bound = Web.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters())
            .Where(p => p.GetCustomAttribute<FromBodyAttribute>() is null)
            .Select(p => p.ParameterType);
        return validated.Concat(bound)
            .Where(t => t.Assembly == Web && t.IsClass && !typeof(IFormFile).IsAssignableFrom(t))
            .Distinct();
    }

    private static IEnumerable<string> StringPaths(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(string))
            {
                yield return prefix + property.Name;
            }
            else if (depth < 2 && ElementType(property.PropertyType) is { } element && element.Assembly == Web && element.IsClass)
            {
                foreach (var inner in StringPaths(element, $"{prefix}{property.Name}[0].", depth + 1))
                {
                    yield return inner;
                }
            }
            else if (depth < 2 && property.PropertyType.Assembly == Web && property.PropertyType.IsClass)
            {
                foreach (var inner in StringPaths(property.PropertyType, $"{prefix}{property.Name}.", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : type.IsArray ? type.GetElementType() : null;

    [GeneratedRegex(@"^Keep .+ to (?<limit>[\d,]+) characters \(you typed (?<typed>[\d,]+)\)\.$")]
    private static partial Regex TooLong();

    [GeneratedRegex(@"\smaxlength\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex MaxLengthAttribute();
}
