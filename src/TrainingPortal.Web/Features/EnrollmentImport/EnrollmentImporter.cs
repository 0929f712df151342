using System.Globalization;
using System.Text;
using CsvHelper;
using TrainingPortal.Domain.Eligibility;
using TrainingPortal.Web.Features.Enrollments;

namespace TrainingPortal.Web.Features.EnrollmentImport;

/// <summary>One thing wrong in an uploaded file: the row as in the file (the header is row 1; null for the file as a whole).</summary>
public sealed record ImportProblem(int? Row, string Column, string Value, string Message);

/// <summary>A checked row, ready to become an enrollment.</summary>
/// <param name="Held">A renewal: the endorsement it renews (derived from the person's certificates, never typed).</param>
public sealed record PlannedEnrollment(int Row, string PersonId, RuleSet RuleSet, string? Category, int? GroupId, DateOnly EnrolledOn,
    Renewals.HeldEndorsement? Held = null);

/// <summary>What checking a file found: every problem, or (when there are none) the rows to import.</summary>
public sealed record ImportCheck(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<PlannedEnrollment> Rows)
{
    public bool CanImport => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>The result of saving: how many were imported, or why nothing was.</summary>
public sealed record ImportOutcome(int Imported, string? Failure);

/// <summary>
/// The CSV import of enrollments: all rows or none. <see cref="CheckAsync"/> reads the whole file and
/// checks every row (three queries whatever the size: the accounts named, the groups, their active
/// enrollments) with the enroll form's rules (<see cref="EnrollmentRules"/>, <see cref="ProgramGroups"/>);
/// <see cref="SaveAsync"/> inserts the checked rows in one transaction, and if the database refuses any
/// (another administrator enrolled the same person meanwhile: the one-active-enrollment index), nothing.
/// </summary>
public sealed class EnrollmentImporter(AppDbContext db, EligibilityService eligibility, TimeProvider time, Renewals.RenewalService renewals,
    TrainingPortal.Web.Notifications.Notifier notifier)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 5000;
    public static readonly string[] Header = ["email", "program", "group", "category", "enrolled_on"];

    /// <summary>The template offered for download: the header and one example row.</summary>
    public static readonly string[] ExampleRow = ["dana.reyes@example.org", DefaultRuleSets.Keys.MioRostering, "Tuesday consultation group", "", "2026-11-23"];

    private const string WholeRow = "(whole row)";
    private const string File = "(file)";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks every row of <paramref name="content"/> (the uploaded bytes).</summary>
    public async Task<ImportCheck> CheckAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (ReadProblem(content) is { } fileProblem)
        {
            return new ImportCheck([fileProblem], []);
        }
        var (records, parseProblem) = Parse(content);
        if (parseProblem is not null)
        {
            return new ImportCheck([parseProblem], []);
        }
        if (records.Count == 0)
        {
            return new ImportCheck([new ImportProblem(null, File, "", "The file is empty. Download the template below and fill it in.")], []);
        }
        var (headerLine, header) = records[0];
        if (header.Length != Header.Length || !header.Select(h => h.Trim()).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            return new ImportCheck([new ImportProblem(headerLine, "header", Cut(string.Join(",", header)),
                $"The first row must be the header {string.Join(",", Header)} — these names, in this order.")], []);
        }
        var data = records.Skip(1).ToList();
        if (data.Count == 0)
        {
            return new ImportCheck([new ImportProblem(null, File, "", "The file has the header but no rows to import.")], []);
        }
        if (data.Count > MaxRows)
        {
            return new ImportCheck([new ImportProblem(null, File, "",
                $"The file has more than {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows, the most that can be imported at once. Split it into smaller files.")], []);
        }
        return await CheckRowsAsync(data, cancellationToken);
    }

    /// <summary>Inserts the checked rows in one transaction; if the database refuses one, nothing is imported.</summary>
    public async Task<ImportOutcome> SaveAsync(IReadOnlyList<PlannedEnrollment> rows, string? administratorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = time.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.Enrollments.AddRange(rows.Select(r =>
                {
                    var enrollment = EnrollmentRules.New(r.PersonId, r.RuleSet, r.Category, r.GroupId, null, r.EnrolledOn, now, administratorId);
                    if (r.Held is { } held)
                    {
                        enrollment.HeldEndorsement = held.Level;
                        enrollment.ProvidesReflectiveSupervision = held.ProvidesReflectiveSupervision;
                    }
                    return enrollment;
                }));
                foreach (var r in rows)
                {
                    notifier.Enrolled(r.PersonId, r.RuleSet.Key);
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new ImportOutcome(0,
                "Nothing was imported: while the file was being saved, the database refused one of its enrollments — most likely someone " +
                "enrolled one of these people in the same program at the same moment. Upload the file again to see which row.");
        }
        return new ImportOutcome(rows.Count, null);
    }

    /// <summary>Size, binary content and encoding: the file must be UTF-8 text (a byte order mark is allowed).</summary>
    private static ImportProblem? ReadProblem(byte[] content)
    {
        if (content.Length == 0)
        {
            return new ImportProblem(null, File, "", "The file is empty. Download the template below and fill it in.");
        }
        if (content.Length > MaxBytes)
        {
            return new ImportProblem(null, File, "", $"The file is larger than 1 MB ({content.Length / 1024} KB). Split it into smaller files.");
        }
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            return new ImportProblem(null, File, "", "This is not a CSV text file (it holds binary data). In your spreadsheet choose Save as → \"CSV UTF-8 (comma delimited)\".");
        }
        try
        {
            _ = StrictUtf8.GetCharCount(content);
        }
        catch (DecoderFallbackException)
        {
            return new ImportProblem(null, File, "", "The file is not UTF-8 text. In your spreadsheet choose Save as → \"CSV UTF-8 (comma delimited)\" and upload that file.");
        }
        return null;
    }

    /// <summary>Every record with the line it starts on (empty lines skipped), or the line where the quoting breaks.</summary>
    private static (List<(int Line, string[] Fields)> Records, ImportProblem? Problem) Parse(byte[] content)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
            MaxRecordSize = 64 * 1024,
        };
        var records = new List<(int, string[])>();
        var text = content.AsMemory();
        if (text.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            text = text[Encoding.UTF8.Preamble.Length..]; // Excel's "CSV UTF-8" starts with a byte order mark
        }
        try
        {
            using var reader = CsvReader.Create(text, options);
            while (reader.Read())
            {
                var fields = reader.Current.ToArray();
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue; // a line of only commas or spaces, as spreadsheets leave at the end
                }
                records.Add(((int)reader.LineNumber, fields));
                if (records.Count > MaxRows + 1)
                {
                    break; // the header and more rows than allowed: enough to say the file is too long
                }
            }
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? (int?)e.LineNumber : null;
            return ([], new ImportProblem(line, WholeRow, "",
                "The quotes in this row do not match (a value that starts with \" must end with \"). Nothing after it could be read."));
        }
        return (records, null);
    }

    private async Task<ImportCheck> CheckRowsAsync(List<(int Line, string[] Fields)> data, CancellationToken cancellationToken)
    {
        var today = eligibility.Today();
        var emails = data.Where(d => d.Fields.Length == Header.Length).Select(d => d.Fields[0].Trim().ToUpperInvariant())
            .Where(e => e.Length is > 0 and <= 256).Distinct().ToList();
        var people = (await db.Users.AsNoTracking()
                .Where(u => EF.Parameter(emails).Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail })
                .ToListAsync(cancellationToken))
            .ToDictionary(u => u.NormalizedEmail!, u => u.Id, StringComparer.Ordinal);
        var personIds = people.Values.ToList();
        var active = (await db.Enrollments.AsNoTracking()
                .Where(e => e.Status == EnrollmentStatus.Active && EF.Parameter(personIds).Contains(e.PersonId))
                .Select(e => new { e.PersonId, e.ProgramKey, e.CreatedOn })
                .ToListAsync(cancellationToken))
            .ToDictionary(e => (e.PersonId, e.ProgramKey), e => e.CreatedOn);
        var groups = await db.Groups.AsNoTracking()
            .Select(g => new GroupInfo(g.Id, g.Name, g.ProgramKey, g.Kind, g.EndDate, g.Capacity))
            .ToListAsync(cancellationToken);
        // Places: those taken now in groups that have a limit (one query), and those this file takes.
        var taken = await GroupCapacity.TakenInLimitedAsync(db, groups, g => g.Id, g => g.Capacity, cancellationToken);
        // Renewal rows: the endorsement each person holds (one more query, only when the file has a renewal).
        var held = data.Any(d => d.Fields.Length == Header.Length
                && Renewals.RenewalService.IsRenewal(d.Fields[1].Trim()))
            ? await renewals.HeldAsync(personIds, cancellationToken)
            : new Dictionary<string, Renewals.HeldEndorsement>();

        var problems = new List<ImportProblem>();
        var planned = new List<PlannedEnrollment>();
        var seen = new Dictionary<(string Person, string Program), int>();
        foreach (var (line, fields) in data)
        {
            if (fields.Length != Header.Length)
            {
                problems.Add(new ImportProblem(line, WholeRow, Cut(string.Join(",", fields)),
                    $"This row has {fields.Length} value{(fields.Length == 1 ? "" : "s")}; every row needs {Header.Length}, in the order " +
                    $"{string.Join(", ", Header)}. Leave an optional value empty but keep its comma."));
                continue;
            }
            var before = problems.Count;
            string Value(int i) => fields[i].Trim();
            void Problem(int column, string message) => problems.Add(new ImportProblem(line, Header[column], Cut(Value(column)), message));

            // email
            string? personId = null;
            var email = Value(0);
            if (email.Length == 0)
            {
                Problem(0, "Enter the person's e-mail address.");
            }
            else if (email.Length > 256 || !LooksLikeEmail(email))
            {
                Problem(0, "This is not an e-mail address (it should look like name@example.org).");
            }
            else if (!people.TryGetValue(email.ToUpperInvariant(), out personId))
            {
                Problem(0, "No account has this e-mail address. The person must register first.");
            }

            // program
            var programKey = RuleSetCatalog.Default.ProgramKeys.FirstOrDefault(k => string.Equals(k, Value(1), StringComparison.OrdinalIgnoreCase));
            if (Value(1).Length == 0)
            {
                Problem(1, $"Enter the program's key, e.g. {DefaultRuleSets.Keys.MioRostering}.");
            }
            else if (programKey is null)
            {
                Problem(1, $"There is no program with this key. Use one of: {string.Join(", ", ProgramKeys)}.");
            }

            // enrolled_on → the rule-set version
            var enrolledOn = today;
            var dateOk = true;
            if (Value(4).Length > 0 && !DateOnly.TryParseExact(Value(4), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out enrolledOn))
            {
                Problem(4, $"Write the date as year-month-day, e.g. {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, or leave it empty for today.");
                dateOk = false;
            }
            else if (enrolledOn > today)
            {
                Problem(4, $"The enrollment date cannot be after today ({today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
                dateOk = false;
            }
            RuleSet? ruleSet = null;
            if (programKey is not null && dateOk)
            {
                ruleSet = EnrollmentRules.RuleSetFor(programKey, enrolledOn);
                if (ruleSet is null)
                {
                    var first = RuleSetCatalog.Default.Versions(programKey)[0].EffectiveFrom;
                    Problem(4, $"This program's rules start on {first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: the date cannot be earlier.");
                }
            }

            // category (for rule sets that have categories)
            string? category = null;
            if (ruleSet is not null)
            {
                var categories = ruleSet.Categories;
                if (categories.Count == 0 && Value(3).Length > 0)
                {
                    Problem(3, "This program has no categories: leave the category empty.");
                }
                else if (categories.Count > 0)
                {
                    category = categories.FirstOrDefault(c => string.Equals(c, Value(3), StringComparison.OrdinalIgnoreCase));
                    if (category is null || !EnrollmentRules.CategoryFits(ruleSet, category))
                    {
                        Problem(3, Value(3).Length == 0
                            ? $"Enter the category the applicant applies in: {string.Join(", ", categories)}."
                            : $"This is not a category of this program. Use one of: {string.Join(", ", categories)}.");
                    }
                }
            }

            // group or cohort: by id or name, of the kind the program uses
            int? groupId = null;
            if (Value(2).Length > 0 && programKey is not null)
            {
                groupId = FindGroup(Value(2), programKey, groups, out var groupProblem);
                if (groupProblem is not null)
                {
                    Problem(2, groupProblem);
                }
                else if (groupId is { } gid && groups.First(g => g.Id == gid) is { } placed && placed.EndDate < enrolledOn)
                {
                    // As on the enroll form: nobody joins a group or cohort after it ended.
                    Problem(2, $"\"{placed.Name}\" ended on {placed.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, before the enrollment date: choose a group or cohort that has not ended.");
                }
                else if (groupId is { } limitedId && groups.First(g => g.Id == limitedId) is { Capacity: { } capacity } full
                    && taken.GetValueOrDefault(limitedId) >= capacity)
                {
                    Problem(2, $"\"{full.Name}\" is full: its {capacity} places are taken (including earlier rows of this file). Choose another group, or raise its places first.");
                }
                else if (groupId is { } placedId)
                {
                    taken[placedId] = taken.GetValueOrDefault(placedId) + 1;
                }
            }

            // one active enrollment per person and program: in the database, and within the file
            if (personId is not null && programKey is not null)
            {
                if (active.TryGetValue((personId, programKey), out var since))
                {
                    Problem(1, $"This person is already enrolled in this program (active since {since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}). " +
                        "Remove this row, or withdraw that enrollment first.");
                }
                else if (seen.TryGetValue((personId, programKey), out var earlier))
                {
                    Problem(0, $"Row {earlier} already enrolls this person in {programKey}: keep only one of the two rows.");
                }
                else
                {
                    seen[(personId, programKey)] = line;
                }
            }

            // a renewal renews the endorsement the person holds: none, nothing to renew
            Renewals.HeldEndorsement? renews = null;
            if (personId is not null && Renewals.RenewalService.IsRenewal(programKey) && !held.TryGetValue(personId, out renews))
            {
                Problem(1, Renewals.RenewalService.NothingToRenew);
            }

            if (problems.Count == before && personId is not null && ruleSet is not null)
            {
                planned.Add(new PlannedEnrollment(line, personId, ruleSet, category, groupId, enrolledOn, renews));
            }
        }
        return problems.Count > 0 ? new ImportCheck(problems, []) : new ImportCheck([], planned);
    }

    private sealed record GroupInfo(int Id, string Name, string ProgramKey, GroupKind Kind, DateOnly EndDate, int? Capacity);

    private static int? FindGroup(string text, string programKey, List<GroupInfo> groups, out string? problem)
    {
        problem = null;
        var kind = ProgramGroups.GroupKindFor(programKey);
        if (kind is not { } wanted)
        {
            problem = "This program has no groups or cohorts: leave the group empty.";
            return null;
        }
        bool Fits(GroupInfo g) => g.ProgramKey == programKey && g.Kind == wanted;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var byId = groups.FirstOrDefault(g => g.Id == id);
            if (byId is null)
            {
                problem = $"No group or cohort has the id {id}.";
                return null;
            }
            if (!Fits(byId))
            {
                problem = $"Group {id} (\"{byId.Name}\") is not a {KindName(wanted)} of this program.";
                return null;
            }
            return byId.Id;
        }
        var named = groups.Where(g => string.Equals(g.Name.Trim(), text, StringComparison.OrdinalIgnoreCase)).ToList();
        var fitting = named.Where(Fits).ToList();
        switch (fitting.Count)
        {
            case 1:
                return fitting[0].Id;
            case > 1:
                problem = $"Several {KindName(wanted)}s have this name: write the id instead ({string.Join(" or ", fitting.Select(g => g.Id))}).";
                return null;
            default:
                problem = named.Count == 0
                    ? "No group or cohort has this name. Check the spelling on the Groups page, or write its id."
                    : $"This group is not a {KindName(wanted)} of this program.";
                return null;
        }
    }

    private static string KindName(GroupKind kind) => ProgramCatalog.Default.Kind(kind).Name;

    private static IEnumerable<string> ProgramKeys => RuleSetCatalog.Default.All.Select(r => r.Key).Distinct(StringComparer.Ordinal);

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }

    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
