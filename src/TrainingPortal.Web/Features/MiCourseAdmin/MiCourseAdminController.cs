using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Web.Data.Configurations;
using TrainingPortal.Web.IntroCourse;

namespace TrainingPortal.Web.Features.MiCourseAdmin;

/// <summary>
/// Administrators write the introductory MI course: add and edit modules (title, Markdown text, an optional http(s) video or
/// reading link, up to three check questions), order them (move up or down), publish or unpublish them, and remove them
/// (a module people completed asks for confirmation first: their completions go with it; certificates already issued stay).
/// An edit from an older screen is refused (the module's version) with the newer state shown and what was typed kept.
/// They also see each participant's progress (nobody else does).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/mi/course")]
public sealed class MiCourseAdminController(AppDbContext db, UserManager<AppUser> users, PortalClock clock) : Controller
{
    public const string ConflictMessage =
        "Someone else changed this module after you opened it, so your changes were not saved. The module as it is now is shown below; your text is kept in the form. Check it, then save again.";

    public const string OrderChangedMessage =
        "The order changed while you were moving this module (another change was saved at the same moment), so nothing was moved. Check the order below and move it again if you still want to.";

    /// <summary>A move or publish post without a plain true or false (only a tampered form sends one).</summary>
    public const string NotUnderstood = "That request was not understood, so nothing was changed. Use the buttons in the list below.";

    private static string Key => IntroCourseService.Program.Key;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var key = Key;
        var modules = await db.IntroCourseModules.AsNoTracking()
            .Where(m => m.ProgramKey == key)
            .OrderBy(m => m.Position).ThenBy(m => m.Id)
            .Select(m => new AdminModuleRow(m.Id, m.Title, m.Published, m.Questions.Count, db.IntroCourseCompletions.Count(c => c.ModuleId == m.Id)))
            .ToListAsync(cancellationToken);
        return View(modules);
    }

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new ModuleEditPage(null, new ModuleForm().WithSlots(), null));

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] ModuleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View("Edit", new ModuleEditPage(null, form.WithSlots(), null));
        }
        var key = Key;
        var last = await db.IntroCourseModules.Where(m => m.ProgramKey == key).MaxAsync(m => (int?)m.Position, cancellationToken) ?? 0;
        var module = new IntroCourseModule { ProgramKey = key, Position = last + 1 };
        Apply(module, form);
        db.IntroCourseModules.Add(module);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Notice"] = $"“{module.Title}” added{(module.Published ? " and published" : " as a draft (not published)")}.";
        return Redirect("/admin/mi/course");
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var module = await ModuleAsync(id, cancellationToken);
        return module is null ? NotFound() : View(new ModuleEditPage(id, FormOf(module).WithSlots(), null));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] ModuleForm form, CancellationToken cancellationToken)
    {
        var module = await ModuleAsync(id, cancellationToken);
        if (module is null)
        {
            return NotFound();
        }
        if (module.Version != form.Version)
        {
            return Conflict(id, form, module);
        }
        if (!ModelState.IsValid)
        {
            return View(new ModuleEditPage(id, form.WithSlots(), null));
        }
        db.Entry(module).Property(m => m.Version).OriginalValue = form.Version;
        db.IntroCourseQuestions.RemoveRange(module.Questions);
        module.Questions.Clear();
        Apply(module, form);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await ModuleAsync(id, cancellationToken);
            return now is null ? NotFound() : Conflict(id, form, now);
        }
        TempData["Notice"] = $"“{module.Title}” saved.";
        return Redirect("/admin/mi/course");
    }

    /// <summary>
    /// Moves a module one place up (earlier) or down (later): it swaps places with its neighbour. Each module whose place
    /// changes gets a new version, so two moves saved at the same moment (two administrators, or a double click) cannot
    /// both be written from the same old order: the later one is refused with nothing changed, and the order shown again.
    /// </summary>
    [HttpPost("{id:int}/move")]
    public async Task<IActionResult> Move(int id, bool? up, CancellationToken cancellationToken)
    {
        if (up is not { } moveUp || !ModelState.IsValid)
        {
            TempData["Notice"] = NotUnderstood;
            return Redirect("/admin/mi/course");
        }
        var key = Key;
        var modules = await db.IntroCourseModules.Where(m => m.ProgramKey == key).OrderBy(m => m.Position).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var index = modules.FindIndex(m => m.Id == id);
        if (index < 0)
        {
            return NotFound();
        }
        var other = moveUp ? index - 1 : index + 1;
        if (other >= 0 && other < modules.Count)
        {
            (modules[index], modules[other]) = (modules[other], modules[index]);
            // Renumber 1, 2, … so ties or gaps left by removals never make the order ambiguous.
            for (var i = 0; i < modules.Count; i++)
            {
                if (modules[i].Position != i + 1)
                {
                    modules[i].Position = i + 1;
                    modules[i].Version = Guid.NewGuid();
                }
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another move, edit or removal of these modules was saved since they were read: nothing of this one is saved.
                db.ChangeTracker.Clear();
                TempData["Notice"] = OrderChangedMessage;
                return Redirect("/admin/mi/course");
            }
            TempData["Notice"] = $"“{modules[other].Title}” moved {(moveUp ? "up" : "down")}.";
        }
        return Redirect("/admin/mi/course");
    }

    [HttpPost("{id:int}/publish")]
    public async Task<IActionResult> Publish(int id, bool? publish, CancellationToken cancellationToken)
    {
        if (publish is not { } wanted || !ModelState.IsValid)
        {
            TempData["Notice"] = NotUnderstood;
            return Redirect("/admin/mi/course");
        }
        var module = await ModuleAsync(id, cancellationToken);
        if (module is null)
        {
            return NotFound();
        }
        if (module.Published != wanted)
        {
            module.Published = wanted;
            module.Version = Guid.NewGuid();
            module.UpdatedUtc = clock.UtcNow;
            module.UpdatedById = users.GetUserId(User);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else saved this module since it was read. Nothing of this request is saved; if the module is
                // already as asked (the same click twice, or another administrator's same choice) that is the outcome wanted.
                db.ChangeTracker.Clear();
                var now = await ModuleAsync(id, cancellationToken);
                if (now is null)
                {
                    return NotFound();
                }
                if (now.Published != wanted)
                {
                    TempData["Notice"] = $"Someone else changed “{now.Title}” at the same moment, so it was not {(wanted ? "published" : "unpublished")}. Check the list below and try again.";
                    return Redirect("/admin/mi/course");
                }
                module = now;
            }
        }
        TempData["Notice"] = wanted
            ? $"“{module.Title}” is published: participants see it, and it counts toward completing the course."
            : $"“{module.Title}” is unpublished: participants no longer see it, and it does not count. Certificates already issued stay valid.";
        return Redirect("/admin/mi/course");
    }

    /// <summary>
    /// Removes a module. When people have completed it, the first post asks for confirmation (their completions go with it);
    /// the confirmation page posts again with <paramref name="confirmed"/>. Certificates already issued are not affected.
    /// </summary>
    [HttpPost("{id:int}/remove")]
    public async Task<IActionResult> Remove(int id, bool confirmed, CancellationToken cancellationToken)
    {
        var module = await ModuleAsync(id, cancellationToken);
        if (module is null)
        {
            return NotFound();
        }
        // Loaded and removed one by one, so each removed completion is audited (not only cascaded by the database).
        var completions = await db.IntroCourseCompletions.Where(c => c.ModuleId == id).ToListAsync(cancellationToken);
        if (completions.Count > 0 && !confirmed)
        {
            return View(new ModuleRemovePage(id, module.Title, completions.Count));
        }
        db.IntroCourseCompletions.RemoveRange(completions);
        db.IntroCourseQuestions.RemoveRange(module.Questions);
        db.IntroCourseModules.Remove(module);
        await db.SaveRemovalAsync(cancellationToken);
        // The module's version is a concurrency token: a removal refused because someone else changed the module (a move,
        // an edit) in the meantime is also swallowed above as "already removed". Then it is still there: say so.
        if (await db.IntroCourseModules.AnyAsync(m => m.Id == id, cancellationToken))
        {
            TempData["Notice"] = $"Someone else changed “{module.Title}” at the same moment, so it was not removed. Check the list below and remove it again if you still want to.";
            return Redirect("/admin/mi/course");
        }
        TempData["Notice"] = completions.Count == 0
            ? $"“{module.Title}” removed."
            : $"“{module.Title}” removed, with {completions.Count} {(completions.Count == 1 ? "person's completion" : "people's completions")}. Certificates already issued stay valid.";
        return Redirect("/admin/mi/course");
    }

    /// <summary>Each participant's progress: published modules complete, and whether their certificate was issued.</summary>
    [HttpGet("progress")]
    public async Task<IActionResult> Progress(CancellationToken cancellationToken)
    {
        var key = Key;
        var published = await db.IntroCourseModules.CountAsync(m => m.ProgramKey == key && m.Published, cancellationToken);
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.ProgramKey == key && e.Status != EnrollmentStatus.Withdrawn)
            .Join(db.Users, e => e.PersonId, u => u.Id, (e, u) => new { e, u.DisplayName })
            .OrderBy(x => x.DisplayName).ThenBy(x => x.e.Id)
            .Select(x => new ProgressRow(x.DisplayName, x.e.CreatedOn,
                db.IntroCourseCompletions.Count(c => c.PersonId == x.e.PersonId && c.Module!.Published && c.Module.ProgramKey == key),
                x.e.CompletedOn))
            .ToListAsync(cancellationToken);
        return View(new ProgressPage(published, rows));
    }

    private ViewResult Conflict(int id, ModuleForm typed, IntroCourseModule now)
    {
        ModelState.Clear();
        ModelState.AddModelError("", ConflictMessage);
        typed.Version = now.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Edit", new ModuleEditPage(id, typed.WithSlots(), FormOf(now)));
    }

    private Task<IntroCourseModule?> ModuleAsync(int id, CancellationToken cancellationToken)
    {
        var key = Key;
        return db.IntroCourseModules.Include(m => m.Questions).SingleOrDefaultAsync(m => m.Id == id && m.ProgramKey == key, cancellationToken);
    }

    private void Apply(IntroCourseModule module, ModuleForm form)
    {
        module.Title = form.Title!.Trim();
        module.Body = form.Body!.Trim();
        module.LinkUrl = string.IsNullOrWhiteSpace(form.LinkUrl) ? null : form.LinkUrl.Trim();
        module.LinkText = module.LinkUrl is null || string.IsNullOrWhiteSpace(form.LinkText) ? null : form.LinkText.Trim();
        module.Published = form.Published;
        module.Version = Guid.NewGuid();
        module.UpdatedUtc = clock.UtcNow;
        module.UpdatedById = users.GetUserId(User);
        var position = 0;
        foreach (var q in (form.Questions ?? []).Where(q => !q.IsEmpty).Take(IntroCourseLengths.Questions))
        {
            module.Questions.Add(new IntroCourseQuestion
            {
                Position = ++position,
                Prompt = q.Prompt!.Trim(),
                Options = string.Join('\n', IntroCourseQuestion.Split(q.Options!)),
                CorrectOption = q.CorrectOption!.Value,
                Explanation = string.IsNullOrWhiteSpace(q.Explanation) ? null : q.Explanation.Trim(),
            });
        }
    }

    private static ModuleForm FormOf(IntroCourseModule module) => new()
    {
        Title = module.Title,
        Body = module.Body,
        LinkUrl = module.LinkUrl,
        LinkText = module.LinkText,
        Published = module.Published,
        Version = module.Version,
        Questions = [.. module.Questions.OrderBy(q => q.Position).Select(q => new QuestionForm
        {
            Prompt = q.Prompt, Options = q.Options, CorrectOption = q.CorrectOption, Explanation = q.Explanation,
        })],
    };
}

public sealed record AdminModuleRow(int Id, string Title, bool Published, int Questions, int Completions);

/// <param name="Current">After a refused stale save: the module as it is now, shown beside what was typed.</param>
public sealed record ModuleEditPage(int? Id, ModuleForm Form, ModuleForm? Current);

public sealed record ModuleRemovePage(int Id, string Title, int Completions);

public sealed record ProgressRow(string Name, DateOnly StartedOn, int Done, DateOnly? CompletedOn);

public sealed record ProgressPage(int Published, IReadOnlyList<ProgressRow> Rows);
