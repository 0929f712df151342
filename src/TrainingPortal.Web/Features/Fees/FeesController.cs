using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.Fees;

/// <summary>
/// Course fees and scholarships (administrators): every IMH course participant's fee status (amount due, paid,
/// scholarship, group rate, waived) and amount, filtered by status and exported as CSV; each enrollment's fee is set on
/// its own small form. The portal processes no payments and the fee never decides a verdict. Changes are audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("admin/fees")]
public sealed class FeesController(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(FeeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var status = ModelState.IsValid ? FeeFilter.Parse(filter.Status) : null;
        var rows = await FeeRows.Query(db, status).ToListAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return View(new FeesPage(rows, filter.Status, status));
    }

    [HttpGet("{enrollmentId:int}")]
    public async Task<IActionResult> Edit(int enrollmentId, CancellationToken cancellationToken)
    {
        var row = await RowAsync(enrollmentId, cancellationToken);
        return row is null ? NotFound() : View(new FeeEditPage(row, new FeeForm { Status = row.Status, Amount = FeeRows.AmountOf(row) }));
    }

    [HttpPost("{enrollmentId:int}")]
    public async Task<IActionResult> Edit(int enrollmentId, [Bind(Prefix = "Form")] FeeForm form, CancellationToken cancellationToken)
    {
        var row = await RowAsync(enrollmentId, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return View(new FeeEditPage(row, form));
        }
        var fee = await db.EnrollmentFees.SingleOrDefaultAsync(f => f.EnrollmentId == enrollmentId, cancellationToken);
        if (fee is null)
        {
            fee = new EnrollmentFee { EnrollmentId = enrollmentId };
            db.EnrollmentFees.Add(fee);
        }
        fee.Status = form.Status!.Value;
        fee.Amount = FeeText.HasAmount(fee.Status) ? form.Amount : null;
        fee.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        fee.UpdatedById = users.GetUserId(User);
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            // Another administrator set this enrollment's first fee at the same moment: show theirs.
            ModelState.AddModelError("", "Another administrator set this fee at the same moment, so nothing was changed. The fee now recorded is shown; change it again if needed.");
            var current = (await RowAsync(enrollmentId, cancellationToken))!;
            return View(new FeeEditPage(current, new FeeForm { Status = current.Status, Amount = FeeRows.AmountOf(current) }));
        }
        TempData["Notice"] = $"Fee for {row.Person} saved: {FeeText.ForParticipant(fee.Status, fee.Amount)}.";
        return Redirect("/admin/fees");
    }

    private Task<FeeRow?> RowAsync(int enrollmentId, CancellationToken cancellationToken) =>
        FeeRows.Query(db, null, enrollmentId).SingleOrDefaultAsync(cancellationToken);
}

public sealed record FeesPage(IReadOnlyList<FeeRow> Rows, string? Typed, FeeStatus? Status);

public sealed record FeeEditPage(FeeRow Row, FeeForm Form);
