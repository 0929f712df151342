using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.Account;

public sealed class LoginForm
{
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class RegisterForm
{
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Password again")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ForgotPasswordForm
{
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordForm
{
    public string UserId { get; set; } = "";
    public string Code { get; set; } = "";

    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "New password again")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ConfirmEmailForm
{
    public string UserId { get; set; } = "";
    public string Code { get; set; } = "";
}

public sealed class ChangePasswordForm
{
    [Display(Name = "Current password")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "New password")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Display(Name = "New password again")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

internal static class AccountRules
{
    public const int MaxEmail = 254;

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter your e-mail address.")
        .MaxChars(MaxEmail, "the e-mail address")
        .EmailAddress().WithMessage("Enter an e-mail address like name@example.org.");

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Choose a password.")
        .MinimumLength(IdentitySetup.PasswordMinLength).WithMessage($"Use at least {IdentitySetup.PasswordMinLength} characters. A few unrelated words make a strong password that is easy to remember.")
        .MaximumLength(CommonPasswordValidator.MaxLength).WithMessage($"Use at most {CommonPasswordValidator.MaxLength} characters.");
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaxChars(AccountRules.MaxEmail, "the e-mail address");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(1024).WithMessage("That password is too long.");
    }
}

public sealed class RegisterFormValidator : AbstractValidator<RegisterForm>
{
    public RegisterFormValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter your name.")
            .MaxChars(200, "your name");
        RuleFor(f => f.Email).ValidEmail();
        RuleFor(f => f.Password).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords are not the same.");
    }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator() => RuleFor(f => f.Email).ValidEmail();
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.Password).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords are not the same.");
    }
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(f => f.NewPassword).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("The two passwords are not the same.");
    }
}
