using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TrainingPortal.Web.Features.PersonDetails;

/// <summary>
/// An administrator corrects a person's name and e-mail address. The name changes at once. A new e-mail address is
/// re-confirmed: the new address gets a link (Identity's change-e-mail token, which carries the address) and the old
/// address stays the sign-in address until the link is used. A taken address is refused next to the field. Changes are
/// audited by the interceptor (AppUser) and an event entry for the request; nothing personal is written to the logs.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class PersonDetailsController(UserManager<AppUser> users, IEmailSender email, AuditLog audit) : Controller
{
    [HttpGet("admin/people/{id}/details")]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? NotFound() : View(Page(user, new PersonDetailsForm { DisplayName = user.DisplayName, Email = user.Email ?? "", Stamp = user.ConcurrencyStamp }));
    }

    [HttpPost("admin/people/{id}/details")]
    public async Task<IActionResult> Edit(string id, [Bind(Prefix = "Form")] PersonDetailsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (!string.Equals(form.Stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Someone changed this account while you were looking at it. Its current details are shown: make your change again if it is still right.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(Page(user, new PersonDetailsForm { DisplayName = form.DisplayName, Email = form.Email, Stamp = user.ConcurrencyStamp }));
        }
        var newEmail = form.Email.Trim();
        var emailChanges = !string.Equals(users.NormalizeEmail(newEmail), user.NormalizedEmail, StringComparison.Ordinal);
        if (ModelState.IsValid && emailChanges)
        {
            var other = await users.FindByEmailAsync(newEmail) ?? await users.FindByNameAsync(newEmail);
            if (other is not null && other.Id != user.Id)
            {
                ModelState.AddModelError("Form.Email", "Another account already uses this e-mail address.");
            }
        }
        if (!ModelState.IsValid)
        {
            return View(Page(user, form));
        }

        var name = form.DisplayName.Trim();
        if (!string.Equals(name, user.DisplayName, StringComparison.Ordinal))
        {
            user.DisplayName = name;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                ModelState.AddModelError("", "The name could not be saved: someone changed this account a moment ago. Try again.");
                return View(Page((await users.FindByIdAsync(id))!, form));
            }
        }
        if (emailChanges)
        {
            var token = MailedTokens.Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
            var link = Url.PublicAction(nameof(ConfirmEmailChange), "PersonDetails", new { userId = user.Id, email = newEmail, code = token });
            await email.SendAsync(newEmail, "Confirm your new TrainingPortal e-mail address",
                $"Hello {user.DisplayName},\n\nAn administrator changed the e-mail address of your TrainingPortal account to this one. " +
                $"To confirm it, open this link:\n\n{link}\n\nUntil then you sign in with your previous address. " +
                "If you did not expect this, you can ignore this message.", cancellationToken);
            // The request itself is an event (no column changes until the link is used); the addresses are in the audit database only.
            await audit.RecordAsync("EmailChangeRequested", nameof(AppUser), user.Id, new { From = user.Email, To = newEmail });
        }
        TempData["Notice"] = emailChanges
            ? $"Saved. A confirmation link was sent to {newEmail}; until it is used, {user.DisplayName} signs in with {user.Email}."
            : "Saved.";
        return Redirect($"/admin/people/{Uri.EscapeDataString(id)}");
    }

    [AllowAnonymous, HttpGet("account/confirm-email-change")]
    public IActionResult ConfirmEmailChange(string? userId, string? email, string? code) =>
        View(new ConfirmEmailChangeForm { UserId = userId ?? "", Email = email ?? "", Code = code ?? "" });

    [AllowAnonymous, HttpPost("account/confirm-email-change")]
    public async Task<IActionResult> ConfirmEmailChange(ConfirmEmailChangeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = string.IsNullOrEmpty(form.UserId) ? null : await users.FindByIdAsync(form.UserId);
        var token = MailedTokens.Decode(form.Code);
        var taken = user is not null && !string.IsNullOrEmpty(form.Email)
            && await users.FindByEmailAsync(form.Email) is { } other && other.Id != user.Id;
        if (user is null || token is null || string.IsNullOrEmpty(form.Email) || taken
            || !(await users.ChangeEmailAsync(user, form.Email, token)).Succeeded)
        {
            ModelState.AddModelError("", "This confirmation link is not valid or has expired. Ask an administrator to send a new one.");
            return View(form);
        }
        // The user name is the sign-in address.
        await users.SetUserNameAsync(user, form.Email);
        TempData["Notice"] = "Thank you — your new e-mail address is confirmed. Sign in with it from now on.";
        return Redirect("/account/login");
    }


    private static PersonDetailsPage Page(AppUser user, PersonDetailsForm form) =>
        new(user.Id, user.DisplayName, user.Email, form);
}

/// <summary>The page: whose details, and the form.</summary>
public sealed record PersonDetailsPage(string Id, string Name, string? Email, PersonDetailsForm Form);
