using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.TwoFactor;

/// <summary>The second sign-in step: the code the authenticator app shows.</summary>
public sealed class CodeSignInForm
{
    [Display(Name = "6-digit code")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>The second sign-in step with one of the recovery codes instead.</summary>
public sealed class RecoverySignInForm
{
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>Confirms a new authenticator app with a code it shows (and the password, when replacing one).</summary>
public sealed class SetUpForm
{
    [Display(Name = "6-digit code from the app")]
    public string Code { get; set; } = "";

    [Display(Name = "Your password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

/// <summary>The password again before a change to two-step sign-in (OWASP ASVS 5.0 V7.5.1).</summary>
public sealed class ConfirmPasswordForm
{
    [Display(Name = "Your password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

internal static class TwoFactorRules
{
    public const string EnterCode = "Enter the 6-digit code your authenticator app shows now.";

    public static IRuleBuilderOptions<T, string> SixDigits<T>(this IRuleBuilder<T, string> rule) => rule
        .Must(c => Totp.Normalize(c) is not null).WithMessage(EnterCode);
}

public sealed class CodeSignInFormValidator : AbstractValidator<CodeSignInForm>
{
    public CodeSignInFormValidator() => RuleFor(f => f.Code).SixDigits();
}

public sealed class RecoverySignInFormValidator : AbstractValidator<RecoverySignInForm>
{
    public RecoverySignInFormValidator() => RuleFor(f => f.RecoveryCode)
        .NotEmpty().WithMessage("Enter one of your recovery codes.")
        .MaximumLength(64).WithMessage("A recovery code is shorter than that. Check you copied one code only.");
}

public sealed class SetUpFormValidator : AbstractValidator<SetUpForm>
{
    public SetUpFormValidator()
    {
        RuleFor(f => f.Code).SixDigits();
        RuleFor(f => f.Password).MaximumLength(1024).WithMessage("That password is too long.");
    }
}

public sealed class ConfirmPasswordFormValidator : AbstractValidator<ConfirmPasswordForm>
{
    public ConfirmPasswordFormValidator() => RuleFor(f => f.Password)
        .NotEmpty().WithMessage("Enter your password.")
        .MaximumLength(1024).WithMessage("That password is too long.");
}
