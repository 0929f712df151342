using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace TrainingPortal.Web.Features.PersonDetails;

/// <summary>An administrator's correction of a person's name and e-mail address.</summary>
public sealed class PersonDetailsForm
{
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    /// <summary>The account's concurrency stamp as shown, so a change made meanwhile is noticed.</summary>
    public string? Stamp { get; set; }
}

/// <summary>The link mailed to a new address: confirming it makes it the sign-in address.</summary>
public sealed class ConfirmEmailChangeForm
{
    public string UserId { get; set; } = "";
    public string Email { get; set; } = "";
    public string Code { get; set; } = "";
}

public sealed class PersonDetailsFormValidator : AbstractValidator<PersonDetailsForm>
{
    public PersonDetailsFormValidator()
    {
        RuleFor(f => f.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the person's name.")
            .MaxChars(200, "the name");
        RuleFor(f => f.Email).NotEmpty().WithMessage("Enter the person's e-mail address.")
            .MaxChars(256, "the e-mail address")
            .EmailAddress().WithMessage("Enter an e-mail address like name@example.org.");
    }
}
