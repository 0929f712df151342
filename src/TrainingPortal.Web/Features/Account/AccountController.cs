using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Web.Features.TwoFactor;

namespace TrainingPortal.Web.Features.Account;

/// <summary>Sign-in, sign-out, registration, e-mail confirmation, password reset and change.</summary>
[Route("account")]
public sealed class AccountController(
    IServiceProvider services,
    LoginThrottle throttle,
    IEmailSender email,
    AuditLog audit,
    IPasswordHasher<AppUser> hasher,
    PortalClock clock) : Controller
{
    // Resolved on first use, not in the constructor: building UserManager (validators, metrics, the user store) and
    // SignInManager cost every request to this controller, including the pages that never use them
    // (GET /account/change-password, the light page of the load benchmark). docs/performance.md, "Request pipeline".
    private UserManager<AppUser> users => field ??= services.GetRequiredService<UserManager<AppUser>>();

    private SignInManager<AppUser> signIn => field ??= services.GetRequiredService<SignInManager<AppUser>>();

    public const string WrongCredentials = "The e-mail address or password is not correct.";
    public static readonly string LockedOut =
        $"Too many failed sign-in attempts. For your security, signing in to this account is paused for {IdentitySetup.LockoutDuration.TotalMinutes:0} minutes. " +
        "Try again later, or reset your password.";

    // A fixed hash to verify against when the address is unknown, so both paths take the same time.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = IdentitySetup.Pbkdf2Iterations }))
            .HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [AllowAnonymous, HttpGet("login")]
    public IActionResult Login(string? returnUrl = null)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return RedirectToLocal(returnUrl);
        }
        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost("login")]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, form.Password);
            var locked = throttle.IsLocked(form.Email)
                || throttle.RecordFailure(form.Email, IdentitySetup.MaxFailedLogins, IdentitySetup.LockoutDuration);
            return LoginFailed(form, locked ? LockedOut : WrongCredentials);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync("SignedIn", nameof(AppUser), user.Id, actorId: user.Id);
            return RedirectToLocal(form.ReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            // Password right; the second step (a code from the app) is still due. Audited as SignedIn once it is given.
            return LocalRedirect(TwoFactorController.SignInPathFor(form.ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("SignInLockedOut", nameof(AppUser), user.Id, actorId: user.Id);
            return LoginFailed(form, LockedOut);
        }
        if (result.IsNotAllowed)
        {
            // Identity answers "not allowed" before it checks the password; check it here so that a
            // wrong password gets the same answer whether or not the account is confirmed or disabled.
            if (!await users.CheckPasswordAsync(user, form.Password))
            {
                await users.AccessFailedAsync(user);
                return LoginFailed(form, await users.IsLockedOutAsync(user) ? LockedOut : WrongCredentials);
            }
            if (user.DisabledUtc is not null)
            {
                return LoginFailed(form, "This account has been disabled. Contact your program administrator.");
            }
            await SendConfirmationAsync(user);
            return LoginFailed(form, "Please confirm your e-mail address first. We have just sent you a new confirmation link.");
        }
        return LoginFailed(form, WrongCredentials);
    }

    [HttpPost("logout"), AllowedBeforeTwoFactor]
    public async Task<IActionResult> Logout()
    {
        var id = users.GetUserId(User);
        await signIn.SignOutAsync();
        if (id is not null)
        {
            await audit.RecordAsync("SignedOut", nameof(AppUser), id, actorId: id);
        }
        TempData["Notice"] = "You have signed out.";
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous, HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [AllowAnonymous, HttpGet("register")]
    public IActionResult Register() => View(new RegisterForm());

    [AllowAnonymous, HttpPost("register")]
    public async Task<IActionResult> Register(RegisterForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var address = form.Email.Trim();
        var user = new AppUser
        {
            UserName = address,
            Email = address,
            DisplayName = form.DisplayName.Trim(),
            CertificateName = form.DisplayName.Trim(),
            CreatedUtc = clock.UtcNow,
        };
        // Both paths below do the same checks and the same expensive work — the password rules, one password hash,
        // one mail — so neither the answer nor the time it takes tells whether the address has an account.
        var refused = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            refused.AddRange((await validator.ValidateAsync(users, user, form.Password)).Errors);
        }
        if (refused.Count > 0)
        {
            AddErrors(IdentityResult.Failed([.. refused]), nameof(RegisterForm.Password));
            return View(form);
        }

        var existing = await users.FindByEmailAsync(address);
        if (existing is not null)
        {
            _ = hasher.HashPassword(user, form.Password); // the hash creating an account costs (PBKDF2), thrown away
            return await AddressTakenAsync(address);
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, form.Password);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another registration with this address was saved a moment earlier: the same answer as a taken
            // address (nothing else is saved in this request).
            return await AddressTakenAsync(address);
        }
        if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            return await AddressTakenAsync(address);
        }
        if (!created.Succeeded)
        {
            AddErrors(created, nameof(RegisterForm.Password));
            return View(form);
        }
        await users.AddToRoleAsync(user, Roles.Trainee);
        await SendConfirmationAsync(user);
        return View("RegisterSent", address);
    }

    /// <summary>Says the same as for a new address, and tells the owner by e-mail: no account enumeration.</summary>
    private async Task<IActionResult> AddressTakenAsync(string address)
    {
        await email.SendAsync(address, "Someone tried to register with your address",
            "Someone (perhaps you) tried to create a TrainingPortal account with this e-mail address, which already has one.\n\n" +
            $"If it was you, sign in at {Url.PublicAction(nameof(Login))} or reset your password at " +
            $"{Url.PublicAction(nameof(ForgotPassword))}.\nIf it was not you, you can ignore this message.");
        return View("RegisterSent", address);
    }

    [AllowAnonymous, HttpGet("confirm-email")]
    public IActionResult ConfirmEmail(string? userId, string? code) =>
        View(new ConfirmEmailForm { UserId = userId ?? "", Code = code ?? "" });

    [AllowAnonymous, HttpPost("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(ConfirmEmailForm form)
    {
        var user = string.IsNullOrEmpty(form.UserId) ? null : await users.FindByIdAsync(form.UserId);
        var token = MailedTokens.Decode(form.Code);
        if (user is null || token is null || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            ModelState.AddModelError("", "This confirmation link is not valid or has expired. Sign in to get a new one.");
            return View(form);
        }
        TempData["Notice"] = "Thank you — your e-mail address is confirmed. You can sign in now.";
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous, HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [AllowAnonymous, HttpPost("forgot-password")]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is { DisabledUtc: null })
        {
            var token = MailedTokens.Encode(await users.GeneratePasswordResetTokenAsync(user));
            var link = Url.PublicAction(nameof(ResetPassword), null, new { userId = user.Id, code = token });
            await email.SendAsync(user.Email!, "Reset your TrainingPortal password",
                $"To choose a new password, open this link within 2 hours:\n\n{link}\n\n" +
                "If you did not ask for this, you can ignore this message; your password stays as it is.");
            await audit.RecordAsync("PasswordResetRequested", nameof(AppUser), user.Id, actorId: user.Id);
        }
        return View("ForgotPasswordSent", form.Email.Trim());
    }

    [AllowAnonymous, HttpGet("reset-password")]
    public IActionResult ResetPassword(string? userId, string? code) =>
        View(new ResetPasswordForm { UserId = userId ?? "", Code = code ?? "" });

    [AllowAnonymous, HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(ResetPasswordForm form, [FromServices] ServerSessions sessions)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var user = string.IsNullOrEmpty(form.UserId) ? null : await users.FindByIdAsync(form.UserId);
        var token = MailedTokens.Decode(form.Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError("", "This link is not valid or has expired. Ask for a new one.");
            return View(form);
        }
        var result = await users.ResetPasswordAsync(user, token, form.Password);
        if (!result.Succeeded)
        {
            AddErrors(result, nameof(ResetPasswordForm.Password));
            return View(form);
        }
        // Whoever knew the old password is signed out everywhere (ASVS V7.4.3).
        await sessions.EndAllAsync(user.Id);
        // A successful reset also ends a lockout: the person proved they own the mailbox.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await audit.RecordAsync("PasswordReset", nameof(AppUser), user.Id, actorId: user.Id);
        TempData["Notice"] = "Your password has been changed. Sign in with the new password.";
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] ServerSessions sessions)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? nameof(ChangePasswordForm.CurrentPassword)
                    : nameof(ChangePasswordForm.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }
            return View(form);
        }
        // Every other session ends (ASVS V7.4.3); this one continues as a new session.
        await sessions.EndAllAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync("PasswordChanged", nameof(AppUser), user.Id);
        TempData["Notice"] = "Your password has been changed.";
        return Redirect("/");
    }

    private ViewResult LoginFailed(LoginForm form, string message)
    {
        ModelState.AddModelError("", message);
        form.Password = "";
        return View(nameof(Login), form);
    }

    private async Task SendConfirmationAsync(AppUser user)
    {
        var token = MailedTokens.Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Url.PublicAction(nameof(ConfirmEmail), null, new { userId = user.Id, code = token });
        await email.SendAsync(user.Email!, "Confirm your TrainingPortal e-mail address",
            $"Welcome to TrainingPortal, {user.DisplayName}.\n\nTo confirm your e-mail address, open this link:\n\n{link}\n\n" +
            "If you did not create an account, you can ignore this message.");
    }

    private IActionResult RedirectToLocal(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/");

    private void AddErrors(IdentityResult result, string field)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? field : "", error.Description);
        }
    }
}
