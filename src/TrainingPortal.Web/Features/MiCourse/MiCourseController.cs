using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.IntroCourse;

namespace TrainingPortal.Web.Features.MiCourse;

/// <summary>
/// MI Champions' free, self-paced introductory course for any signed-in person: the published modules in order with the
/// person's own progress, "Start the course" (their own enrollment), each module's text, link and check questions (checked
/// on the page, not stored), "Mark complete" and undo, and the certificate of completion once every module is done. A
/// person sees only their own progress; an unpublished or unknown module answers 404.
/// </summary>
/// <remarks>
/// A module can be marked complete whether or not its questions were answered right: the course is a free learning
/// resource, not an assessment, and the questions are there to check one's own understanding.
/// </remarks>
[Route("mi/course")]
public sealed class MiCourseController(AppDbContext db, UserManager<AppUser> users, IntroCourseService course) : Controller
{
    private static string Key => IntroCourseService.Program.Key;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var key = Key;
        // Two queries whatever the number of modules: the modules with the person's own marks, then their enrollment.
        var modules = await db.IntroCourseModules.AsNoTracking()
            .Where(m => m.ProgramKey == key && m.Published)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new CourseModuleRow(m.Id, m.Title, db.IntroCourseCompletions.Any(c => c.ModuleId == m.Id && c.PersonId == me)))
            .ToListAsync(cancellationToken);
        var standing = await course.StandingAsync(me, cancellationToken);
        return View(new CoursePage(IntroCourseService.Program.Title, modules, standing));
    }

    [HttpPost("start")]
    public async Task<IActionResult> Start(CancellationToken cancellationToken)
    {
        var started = await course.StartAsync(users.GetUserId(User)!, cancellationToken);
        TempData["Notice"] = started
            ? "You started the course. Work through the modules in your own time and mark each one complete."
            : "You have already started the course.";
        return Redirect("/mi/course");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Module(int id, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(id, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>Checks the answers to the module's questions: each gets its feedback; nothing is stored.</summary>
    [HttpPost("{id:int}/check")]
    public async Task<IActionResult> Check(int id, [FromForm] Dictionary<int, int>? answers, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(id, answers ?? [], cancellationToken);
        return page is null ? NotFound() : View(nameof(Module), page);
    }

    [HttpPost("{id:int}/complete")]
    public async Task<IActionResult> Complete(int id, bool complete, CancellationToken cancellationToken)
    {
        var result = await course.MarkAsync(users.GetUserId(User)!, id, complete, cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }
        if (!result.Started)
        {
            TempData["Notice"] = "Start the course first: your progress is kept once you have started it.";
            return Redirect("/mi/course");
        }
        if (result.Certificate is { } certificate)
        {
            TempData["Notice"] = certificate.Succeeded
                ? "You completed every module. Your certificate of completion is ready to download below."
                : "You completed every module. Your certificate could not be made just now: " + certificate.Message;
            return Redirect("/mi/course");
        }
        TempData["Notice"] = complete ? "Module marked complete." : "Your mark on this module was removed.";
        return Redirect($"/mi/course/{id}");
    }

    /// <summary>Every module done but no certificate yet (e.g. a module was removed since): completes the course now.</summary>
    [HttpPost("certificate")]
    public async Task<IActionResult> Certificate(CancellationToken cancellationToken)
    {
        var result = await course.CompleteIfDoneAsync(users.GetUserId(User)!, cancellationToken);
        TempData["Notice"] = result switch
        {
            null => "Mark every module complete first.",
            { Succeeded: true } => "Your certificate of completion is ready to download below.",
            _ => "Your certificate could not be made just now: " + result.Message,
        };
        return Redirect("/mi/course");
    }

    private async Task<ModulePage?> LoadAsync(int id, Dictionary<int, int>? answers, CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var key = Key;
        var modules = await db.IntroCourseModules.AsNoTracking()
            .Where(m => m.ProgramKey == key && m.Published)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Title })
            .ToListAsync(cancellationToken);
        var index = modules.FindIndex(m => m.Id == id);
        if (index < 0)
        {
            return null;
        }
        var module = await db.IntroCourseModules.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new
            {
                m.Title,
                m.Body,
                m.LinkUrl,
                m.LinkText,
                Done = db.IntroCourseCompletions.Any(c => c.ModuleId == m.Id && c.PersonId == me),
                Questions = m.Questions.OrderBy(q => q.Position).Select(q => new { q.Id, q.Prompt, q.Options, q.CorrectOption, q.Explanation }).ToList(),
            })
            .SingleAsync(cancellationToken);
        var standing = await course.StandingAsync(me, cancellationToken);
        var questions = module.Questions.Select(q =>
        {
            int? chosen = answers is not null && answers.TryGetValue(q.Id, out var a) ? a : null;
            var options = IntroCourseQuestion.Split(q.Options);
            return new QuestionView(q.Id, q.Prompt, options, q.CorrectOption, q.Explanation, chosen, answers is not null);
        }).ToList();
        return new ModulePage(id, index + 1, modules.Count, module.Title, SafeMarkdown.ToHtml(module.Body),
            SafeMarkdown.IsWebAddress(module.LinkUrl) ? module.LinkUrl : null, module.LinkText, module.Done, standing.EnrollmentId is not null,
            questions,
            index > 0 ? new ModuleLink(modules[index - 1].Id, modules[index - 1].Title) : null,
            index < modules.Count - 1 ? new ModuleLink(modules[index + 1].Id, modules[index + 1].Title) : null);
    }
}

public sealed record CourseModuleRow(int Id, string Title, bool Done);

public sealed record CoursePage(string ProgramTitle, IReadOnlyList<CourseModuleRow> Modules, CourseStanding Standing)
{
    public int Done => Modules.Count(m => m.Done);
    public bool AllDone => Modules.Count > 0 && Done == Modules.Count;
}

public sealed record ModuleLink(int Id, string Title);

/// <summary>A check question as shown; <see cref="Checked"/>: the answers were sent, so feedback is shown.</summary>
public sealed record QuestionView(int Id, string Prompt, IReadOnlyList<string> Options, int CorrectOption, string? Explanation, int? Chosen, bool Checked)
{
    public bool Right => Chosen == CorrectOption;
    public string CorrectText => CorrectOption >= 1 && CorrectOption <= Options.Count ? Options[CorrectOption - 1] : "";
}

public sealed record ModulePage(int Id, int Number, int Count, string Title, string Html, string? LinkUrl, string? LinkText, bool Done, bool Started,
    IReadOnlyList<QuestionView> Questions, ModuleLink? Previous, ModuleLink? Next);
