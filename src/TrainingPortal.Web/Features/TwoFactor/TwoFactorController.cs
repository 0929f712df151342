using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingPortal.Domain;
using TrainingPortal.Web.Features.Account;

namespace TrainingPortal.Web.Features.TwoFactor;

/// <summary>
/// Two-step sign-in: setting up an authenticator app, recovery codes, turning it off, and the second sign-in step.
/// Every change is audited without any secret (no key, no code).
/// </summary>
[Route("account/two-factor"), AllowedBeforeTwoFactor]
public sealed class TwoFactorController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IUserStore<AppUser> store,
    AuthenticatorCodes codes,
    AuditLog audit) : Controller
{
    public const string IndexPath = "/account/two-factor";
    public const string SetUpPath = TwoFactorSetup.SetUpPath;
    public const string SignInPath = "/account/two-factor/sign-in";
    public const string RecoveryPath = "/account/two-factor/recovery";
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "TrainingPortal";

    public const string WrongCode = "That code is not right, or it has been used already. Type the code your app shows now; if it was just used, wait for the next one.";
    public const string WrongRecoveryCode = "That recovery code is not right, or it has been used already. Each code works once.";
    public const string SignInAgain = "Signing in took too long. Please sign in again.";
    public const string AdministratorsKeepIt = "Administrators must keep two-step sign-in on.";

    public static string SignInPathFor(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? SignInPath : $"{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    // ---------------------------------------------------------------- settings (signed in)

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        return View(await SettingsAsync(user));
    }

    [HttpGet("set-up")]
    public async Task<IActionResult> SetUp()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        return View(await SetUpViewAsync(user, new SetUpForm()));
    }

    [HttpPost("set-up")]
    public async Task<IActionResult> SetUp([Bind(Prefix = "Form")] SetUpForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var replacing = await users.GetTwoFactorEnabledAsync(user);
        if (replacing && string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError("Form." + nameof(SetUpForm.Password), "Enter your password.");
        }
        if (!ModelState.IsValid)
        {
            return View(await SetUpViewAsync(user, form));
        }
        if (replacing && !await PasswordConfirmedAsync(user, form.Password, "Form." + nameof(SetUpForm.Password)))
        {
            return View(await SetUpViewAsync(user, form));
        }
        var pending = await users.GetAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.PendingKeyToken);
        if (pending is null || !await codes.AcceptOnceAsync(users, user, pending, form.Code))
        {
            await audit.RecordAsync("TwoFactorSetUpCodeRefused", nameof(AppUser), user.Id);
            ModelState.AddModelError("Form." + nameof(SetUpForm.Code),
                "That code is not right. Check the app shows the TrainingPortal entry you just added, and type the 6 digits it shows now.");
            return View(await SetUpViewAsync(user, form));
        }

        // The new key replaces any old one only now that it is proven to work.
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, pending, HttpContext.RequestAborted);
        await users.RemoveAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.PendingKeyToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        await audit.RecordAsync(replacing ? "AuthenticatorReplaced" : "TwoFactorEnabled", nameof(AppUser), user.Id,
            new { RecoveryCodes = recovery.Count });
        await SignInWithTwoStepsAsync(user);
        return View("RecoveryCodes", new RecoveryCodesView(recovery, FirstTime: !replacing));
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes([Bind(Prefix = "Codes")] ConfirmPasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return Redirect(IndexPath);
        }
        if (!ModelState.IsValid || !await PasswordConfirmedAsync(user, form.Password, "Codes." + nameof(ConfirmPasswordForm.Password)))
        {
            return View(nameof(Index), await SettingsAsync(user));
        }
        var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        await audit.RecordAsync("RecoveryCodesReplaced", nameof(AppUser), user.Id, new { RecoveryCodes = recovery.Count });
        return View("RecoveryCodes", new RecoveryCodesView(recovery, FirstTime: false));
    }

    [HttpPost("turn-off")]
    public async Task<IActionResult> TurnOff([Bind(Prefix = "TurnOff")] ConfirmPasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            ModelState.AddModelError("", AdministratorsKeepIt);
            return View(nameof(Index), await SettingsAsync(user));
        }
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return Redirect(IndexPath);
        }
        if (!ModelState.IsValid || !await PasswordConfirmedAsync(user, form.Password, "TurnOff." + nameof(ConfirmPasswordForm.Password)))
        {
            return View(nameof(Index), await SettingsAsync(user));
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // Forget the key and the recovery codes: turning it on again starts from a new key.
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await audit.RecordAsync("TwoFactorDisabled", nameof(AppUser), user.Id);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "Two-step sign-in is off. You sign in with your password only.";
        return Redirect(IndexPath);
    }

    // ---------------------------------------------------------------- the second sign-in step

    [AllowAnonymous, HttpGet("sign-in")]
    public async Task<IActionResult> SignIn(string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }
        return View(new CodeSignInForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(CodeSignInForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }
        if (!ModelState.IsValid)
        {
            form.Code = "";
            return View(form);
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(form.Code, isPersistent: false, rememberClient: false);
        return await SecondStepResultAsync(user, result, "authenticator app", form.ReturnUrl, () =>
        {
            ModelState.AddModelError(nameof(CodeSignInForm.Code), WrongCode);
            form.Code = "";
            return View(form);
        });
    }

    [AllowAnonymous, HttpGet("recovery")]
    public async Task<IActionResult> Recovery(string? returnUrl = null)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return StartAgain();
        }
        return View(new RecoverySignInForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost("recovery")]
    public async Task<IActionResult> Recovery(RecoverySignInForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }
        if (!ModelState.IsValid)
        {
            form.RecoveryCode = "";
            return View(form);
        }
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (await users.IsLockedOutAsync(user))
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(NormalizeRecoveryCode(form.RecoveryCode));
            if (!result.Succeeded)
            {
                // Identity does not count wrong recovery codes towards the lockout; they count here like any wrong code.
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                {
                    result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
                }
            }
        }
        return await SecondStepResultAsync(user, result, "recovery code", form.ReturnUrl, () =>
        {
            ModelState.AddModelError(nameof(RecoverySignInForm.RecoveryCode), WrongRecoveryCode);
            form.RecoveryCode = "";
            return View(form);
        });
    }

    private async Task<IActionResult> SecondStepResultAsync(
        AppUser user, Microsoft.AspNetCore.Identity.SignInResult result, string method, string? returnUrl, Func<IActionResult> refused)
    {
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await audit.RecordAsync("SignedIn", nameof(AppUser), user.Id, new { Method = "password and " + method }, actorId: user.Id);
            if (method == "recovery code")
            {
                TempData["Notice"] = left switch
                {
                    0 => "You have used your last recovery code. Make new ones now under Two-step sign-in.",
                    < 4 => $"You have {left} recovery codes left. Consider making new ones under Two-step sign-in.",
                    _ => $"You have {left} recovery codes left.",
                };
            }
            return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/");
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("SignInLockedOut", nameof(AppUser), user.Id, actorId: user.Id);
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            ModelState.AddModelError("", AccountController.LockedOut);
            return View("~/Features/Account/Login.cshtml", new LoginForm { Email = user.Email ?? "", ReturnUrl = returnUrl });
        }
        if (result.IsNotAllowed)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            return StartAgain();
        }
        await audit.RecordAsync("SignInCodeRefused", nameof(AppUser), user.Id, new { Method = method }, actorId: user.Id);
        return refused();
    }

    // ---------------------------------------------------------------- helpers

    private RedirectResult StartAgain()
    {
        TempData["Notice"] = SignInAgain;
        return Redirect("/account/login");
    }

    private async Task<bool> PasswordConfirmedAsync(AppUser user, string password, string field)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.Succeeded)
        {
            return true;
        }
        ModelState.AddModelError(field, check.IsLockedOut ? AccountController.LockedOut : "The password is not correct.");
        return false;
    }

    /// <summary>Marks this session as signed in with both steps, keeping its other properties (e.g. its absolute expiry).</summary>
    private async Task SignInWithTwoStepsAsync(AppUser user)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(),
            [new Claim(TwoFactorSetup.MethodClaim, TwoFactorSetup.MultiFactor)]);
    }

    private async Task<TwoFactorSettingsView> SettingsAsync(AppUser user) => new(
        Enabled: await users.GetTwoFactorEnabledAsync(user),
        IsAdministrator: await users.IsInRoleAsync(user, Roles.Administrator),
        RecoveryCodesLeft: await users.CountRecoveryCodesAsync(user));

    private async Task<SetUpView> SetUpViewAsync(AppUser user, SetUpForm form)
    {
        var pending = await users.GetAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.PendingKeyToken);
        if (string.IsNullOrEmpty(pending))
        {
            pending = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, AuthenticatorCodes.TokenProvider, AuthenticatorCodes.PendingKeyToken, pending);
        }
        var uri = Totp.Uri(Issuer, user.Email ?? user.UserName ?? "", pending);
        return new SetUpView(
            form,
            Replacing: await users.GetTwoFactorEnabledAsync(user),
            Required: User.MustSetUpTwoFactor(),
            QrSvg: QrSvg.Render(uri, "QR code to add TrainingPortal to your authenticator app"),
            GroupedKey: Totp.Grouped(pending));
    }

    private static string NormalizeRecoveryCode(string typed) => typed.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}

public sealed record TwoFactorSettingsView(bool Enabled, bool IsAdministrator, int RecoveryCodesLeft)
{
    /// <summary>The password field of the "new recovery codes" form.</summary>
    public ConfirmPasswordForm Codes { get; init; } = new();

    /// <summary>The password field of the "turn off" form.</summary>
    public ConfirmPasswordForm TurnOff { get; init; } = new();
}

public sealed record SetUpView(SetUpForm Form, bool Replacing, bool Required, string QrSvg, string GroupedKey);

public sealed record RecoveryCodesView(IReadOnlyList<string> Codes, bool FirstTime);
